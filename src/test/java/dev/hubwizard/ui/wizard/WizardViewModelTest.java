package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Preview;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Back / Next without a window. */
class WizardViewModelTest {

    @TempDir
    Path logs;

    private final Runner runner = Runner.withBackgroundThreads();

    @AfterEach
    void close() {
        runner.close();
    }

    private WizardViewModel wizard(PageModel... pages) {
        DeployController deploy = new DeployController(DeploySource.of(runner, () -> {
            try {
                return new Session(new Journal(JournalStore.inMemory()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, () -> new Plan("test", List.of())), logs, "test");
        return new WizardViewModel(List.of(pages), deploy);
    }

    @Test
    void nextFollowsThePageTurningInvalidAndValidAgainAndAgain() {
        PageModel form = new PageModel("form", "Form", "", List.of());
        WizardViewModel wizard = wizard(form, new PageModel("after", "After", "", List.of()));

        for (int round = 0; round < 3; round++) {
            form.validProperty().set(false);
            assertThat(wizard.canGoNextProperty().get()).as("round " + round).isFalse();
            form.validProperty().set(true);
            assertThat(wizard.canGoNextProperty().get()).as("round " + round).isTrue();
        }
    }

    @Test
    void nextWaitsForThePageToFinishWhatItMust() {
        Runnable[] proceed = new Runnable[1];
        PageModel saving = new PageModel("form", "Form", "", List.of()) {
            @Override
            public void beforeLeave(Runnable then) {
                proceed[0] = then;
            }
        };
        WizardViewModel wizard = wizard(saving, new PageModel("after", "After", "", List.of()));

        wizard.next();
        assertThat(wizard.indexProperty().get()).as("still saving").isZero();
        proceed[0].run();
        assertThat(wizard.indexProperty().get()).isEqualTo(1);
    }

    @Test
    void aPageWithoutStepsIsDoneOnceLeftAndNotRunAgainAfterTheSettingsChange() {
        PageModel form = new PageModel("form", "Form", "", List.of());
        WizardViewModel wizard = wizard(form, new PageModel("after", "After", "", List.of()));
        assertThat(form.stateProperty().get()).isEqualTo(PageState.IDLE);

        wizard.next();
        assertThat(form.stateProperty().get()).isEqualTo(PageState.DONE);

        wizard.reset();
        assertThat(form.stateProperty().get()).isEqualTo(PageState.IDLE);
    }

    @Test
    void aPageThatFinishesAfterTheUserLeftDoesNotMoveTheWizard() {
        Runnable[] proceed = new Runnable[1];
        PageModel saving = new PageModel("form", "Form", "", List.of()) {
            @Override
            public void beforeLeave(Runnable then) {
                proceed[0] = then;
            }
        };
        PageModel other = new PageModel("other", "Other", "", List.of());
        WizardViewModel wizard = wizard(saving, new PageModel("after", "After", "", List.of()), other);

        wizard.next();
        wizard.show(other);
        proceed[0].run();

        assertThat(wizard.pageProperty().get()).isSameAs(other);
    }

    @Test
    void theGuideHasTheSettingsPageAfterPreflightWithStableIds() {
        PageModel settings = new PageModel("settings", "Settings", "", List.of());
        assertThat(WizardPages.guide(new PageModel("preflight", "", "", List.of("preflight")), settings,
                new PageModel("plan", "", "", List.of()), new PageModel("test-local", "", "", List.of("test-local")),
                new PageModel("hub-url", "", "", List.of("hub-url")))).extracting(PageModel::id).containsExactly(
                "preflight", "settings", "plan", "build", "test-local", "repository", "push", "network",
                "task-definition", "service", "hub-url");
    }

    @Test
    void aRunWithoutAGuideShowsOnlyTheStepsWithSomethingToDoAndItsLastStep() {
        Plan teardown = new Plan("teardown", List.of(step("delete-service", "Delete the ECS service"),
                step("delete-certificates", "Delete the certificates"), step("delete-vpc", "Delete the VPC"),
                step("check-leftovers", "Check that nothing is left")));
        List<Preview.StepPreview> previews = List.of(
                new Preview.StepPreview("delete-service", "", List.of(Intent.delete("ECS service", "svc/hub", "")), null),
                new Preview.StepPreview("delete-certificates", "", List.of(Intent.run("nothing recorded")), null),
                new Preview.StepPreview("delete-vpc", "", List.of(Intent.delete("VPC", "vpc-1", ""),
                        Intent.delete("subnet", "subnet-1", "")), null),
                new Preview.StepPreview("check-leftovers", "", List.of(), null));

        List<PageModel> pages = WizardPages.forPlan(teardown, previews);

        assertThat(pages).extracting(PageModel::id).containsExactly("delete-service", "delete-vpc", "check-leftovers");
        assertThat(pages.get(1).description()).isEqualTo("VPC vpc-1\nsubnet subnet-1");
        assertThat(pages.get(2).description()).isEqualTo("Check that nothing is left.");
    }

    private static Step step(String id, String title) {
        return new Step() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public void run(StepContext context) {
            }
        };
    }
}
