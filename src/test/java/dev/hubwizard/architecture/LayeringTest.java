package dev.hubwizard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering DESIGN.md asks for, checked on the compiled classes. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hubwizard");
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.hubwizard.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the engine, AWS and Docker code must be testable without a screen")
                .check(classes);
    }

    @Test
    void theEngineKnowsStepsNotAwsDockerOrScreens() {
        noClasses().that().resideInAPackage("dev.hubwizard.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.github.dockerjava..",
                        "dev.hubwizard.aws..", "dev.hubwizard.docker..", "dev.hubwizard.deploy..",
                        "dev.hubwizard.profile..", "dev.hubwizard.ui..", "dev.hubwizard.cli..")
                .check(classes);
    }

    @Test
    void profilesArePlainData() {
        noClasses().that().resideInAPackage("dev.hubwizard.profile..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.github.dockerjava..",
                        "dev.hubwizard.aws..", "dev.hubwizard.docker..", "dev.hubwizard.deploy..",
                        "dev.hubwizard.ui..", "dev.hubwizard.cli..")
                .check(classes);
    }

    @Test
    void theUiNeverCallsAwsOrDockerDirectly() {
        noClasses().that().resideInAPackage("dev.hubwizard.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.github.dockerjava..")
                .because("views and view models go through the engine and the deploy steps")
                .check(classes);
    }

    @Test
    void awsAndDockerDoNotKnowEachOtherOrTheUi() {
        noClasses().that().resideInAPackage("dev.hubwizard.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "dev.hubwizard.docker..",
                        "dev.hubwizard.ui..", "dev.hubwizard.cli..", "dev.hubwizard.deploy..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.hubwizard.docker..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "dev.hubwizard.aws..",
                        "dev.hubwizard.ui..", "dev.hubwizard.cli..", "dev.hubwizard.deploy..")
                .check(classes);
    }
}
