package dev.hubwizard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time from {@code java -jar target/hubwizard.jar} to the wizard's window on an X display: starts a
 * private Xvfb, launches the jar several times and polls the window tree for the title. When the .deb
 * is installed (docs/install.md), its launcher is measured the same way: the installed app on its own
 * trimmed runtime, with the class data sharing archive its postinst made.
 */
final class StartupBenchmark implements Benchmark {

    private static final int RUNS = 5;
    private static final String NAME = "startup";
    private static final Path INSTALLED_LAUNCHER = Path.of("/opt/hubwizard/bin/hubwizard");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Row> run() throws Exception {
        Path jar = Path.of("target", "hubwizard.jar");
        if (!Files.exists(jar)) {
            return List.of(new Row(NAME, "launch to window", "not run: build target/hubwizard.jar first", "< 1000 ms"));
        }
        if (!onPath("Xvfb") || !onPath("xwininfo")) {
            return List.of(new Row(NAME, "launch to window", "not run: apt-get install xvfb x11-utils libgtk-3-0",
                    "< 1000 ms"));
        }
        String display = ":" + (150 + (int) (ProcessHandle.current().pid() % 50));
        Process xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1600x1000x24")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(800);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<Double> times = launches(List.of(java, "-jar", jar.toString()), display);
            List<Row> rows = new ArrayList<>(List.of(
                    new Row(NAME, "launch to window, median of " + RUNS + " (JDK " + Runtime.version().feature()
                            + ", Xvfb)", Benchmarks.millis(times.get(times.size() / 2)), "< 1000 ms"),
                    new Row(NAME, "launch to window, slowest", Benchmarks.millis(times.get(times.size() - 1)), "")));
            String installed = "installed app (" + INSTALLED_LAUNCHER + ") to window, median of " + RUNS;
            if (Files.isExecutable(INSTALLED_LAUNCHER)) {
                List<Double> packaged = launches(List.of(INSTALLED_LAUNCHER.toString()), display);
                rows.add(new Row(NAME, installed, Benchmarks.millis(packaged.get(packaged.size() / 2)), "< 1000 ms"));
            } else {
                rows.add(new Row(NAME, installed, "not run: install the .deb first (docs/install.md)", "< 1000 ms"));
            }
            return rows;
        } finally {
            xvfb.destroy();
            xvfb.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Times {@link #RUNS} launches, sorted, after one that warms the OS file cache: a warm start. */
    private static List<Double> launches(List<String> command, String display) throws IOException, InterruptedException {
        launchOnce(command, display);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(launchOnce(command, display));
        }
        times.sort(Double::compare);
        return times;
    }

    private static double launchOnce(List<String> command, String display) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", display);
        builder.environment().put("HUBWIZARD_HOME", Files.createTempDirectory("hubwizard-bench").toString());
        long start = System.nanoTime();
        Process app = builder.start();
        try {
            while (app.isAlive()) {
                if (windowShown(display)) {
                    return (System.nanoTime() - start) / 1e6;
                }
                Thread.sleep(5);
            }
            throw new IOException("the app exited with " + app.exitValue() + " before showing a window");
        } finally {
            app.destroy();
            app.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean windowShown(String display) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("xwininfo", "-root", "-tree").redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process p = builder.start();
        String tree = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return tree.contains("\"Hub Wizard");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
