package dev.hubwizard.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installers ship a Java runtime with only the modules named in {@code packaging/jlink.args}. A
 * dependency or a new piece of code that needs another JDK module would still pass every other test
 * (they run on a full JDK) and then fail in the installed app only. This runs jdeps over the built jar
 * and its runtime dependencies ({@code target/lib}, from the package phase) and checks that the
 * runtime jlink makes contains every JDK module they use.
 */
class RuntimeModulesIT {

    private static final Path JLINK_ARGS = Path.of("packaging", "jlink.args");

    @Test
    void theBundledRuntimeHasEveryJdkModuleTheAppAndItsDependenciesUse() throws IOException {
        Set<String> bundled = resolvedWith(jlinkModules());
        Set<String> used = jdepsModules();

        assertThat(used).as("jdeps found nothing: did it analyse the jars?").contains("java.base", "java.desktop");
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(bundled);
        assertThat(missing)
                .as("JDK modules the app or its dependencies use but the installers' runtime lacks: add each to "
                        + JLINK_ARGS + " with a comment saying who needs it")
                .isEmpty();
    }

    /** The modules {@code --add-modules} names in the argument file (comments are jlink's {@code #}). */
    static Set<String> jlinkModules() throws IOException {
        Set<String> modules = new TreeSet<>();
        for (String line : Files.readAllLines(JLINK_ARGS)) {
            String option = line.replaceFirst("#.*", "").trim();
            if (option.startsWith("--add-modules ")) {
                for (String module : option.substring("--add-modules ".length()).split(",")) {
                    modules.add(module.trim());
                }
            }
        }
        assertThat(modules).as("--add-modules lines in " + JLINK_ARGS).isNotEmpty();
        return modules;
    }

    /** What jlink puts in the image for those roots: the roots and everything they require. */
    private static Set<String> resolvedWith(Set<String> roots) {
        return Configuration.empty().resolve(ModuleFinder.ofSystem(), ModuleFinder.of(), roots).modules().stream()
                .map(ResolvedModule::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> jdepsModules() throws IOException {
        Path jar = Path.of("target", "hubwizard.jar");
        Path lib = Path.of("target", "lib");
        assertThat(jar).as("the package phase's jar").exists();
        List<String> args = new ArrayList<>(List.of("--multi-release", "17", "--ignore-missing-deps", "--list-deps",
                "--class-path", lib.resolve("*").toString(), jar.toString()));
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> args.add(p.toString()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(exit).as("jdeps exit code; its errors: " + err).isZero();
        // Lines name a module ("java.sql") or a module's internal package ("javafx.base/com.sun.javafx",
        // JavaFX's jars on the class path, which are not part of the runtime); only JDK modules count.
        Set<String> jdkModules = ModuleFinder.ofSystem().findAll().stream()
                .map(reference -> reference.descriptor().name())
                .collect(Collectors.toSet());
        return out.toString().lines()
                .map(String::trim)
                .map(line -> line.replaceFirst("/.*", ""))
                .filter(jdkModules::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
