package dev.hubwizard.bench;

import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.ui.Theme;
import dev.hubwizard.ui.log.LogPane;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.DeploySource;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 100,000 log lines in one burst from a step, through the same path a deploy's lines take (engine →
 * DeployController's batching → capped buffer → virtualized list on screen, plus the log file).
 * Measures the longest gap between FX pulses while the burst lands (a stall the user would feel)
 * and the heap the lines take. JavaFX runs headless (Monocle, software rendering).
 */
final class LogPaneBenchmark implements Benchmark {

    private static final int LINES = 100_000;
    /** A deploy's log pane has shown earlier steps' lines before a flood: warm it up the same way. */
    private static final int WARM_UP_LINES = 5_000;
    private static final String NAME = "log pane";
    private static final Key<Integer> COUNT = Key.of("lines", Integer.class);
    private static final Key<String> FLOOD = Key.of("flood", String.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Row> run() throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        Runner runner = Runner.withBackgroundThreads();
        Path logs = Files.createTempDirectory("hubwizard-bench-logs");
        Step burst = new Step() {
            @Override
            public String id() {
                return "burst";
            }

            @Override
            public String title() {
                return "Burst";
            }

            @Override
            public void run(StepContext context) {
                int lines = context.get(COUNT).orElse(LINES);
                String flood = context.get(FLOOD).orElse("");
                for (int i = 1; i <= lines; i++) {
                    context.log().info("Step 4/9 : RUN apt-get install -y something-long-enough " + flood + " line " + i);
                }
            }
        };
        Plan plan = new Plan("bench", List.of(burst));
        Session session = new Session(new Journal(JournalStore.inMemory()));
        CompletableFuture<DeployController> ready = new CompletableFuture<>();
        LogPane[] pane = new LogPane[1];
        Platform.runLater(() -> {
            DeployController deploy = new DeployController(DeploySource.of(runner, () -> session, () -> plan), logs, "bench");
            pane[0] = new LogPane();
            pane[0].show(deploy.log("burst").lines());
            Stage stage = new Stage();
            Scene scene = new Scene(pane[0], 1100, 720);
            Theme.LIGHT.applyTo(scene);
            stage.setScene(scene);
            stage.show();
            ready.complete(deploy);
        });
        DeployController deploy = ready.get(10, TimeUnit.SECONDS);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = settledHeap(memory);
        session.values().put(COUNT, WARM_UP_LINES);
        Platform.runLater(() -> deploy.run(List.of("burst")));
        waitForLastLine(pane[0], " line " + WARM_UP_LINES);
        session.values().put(COUNT, LINES);
        waitUntilIdle(deploy);

        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        // The first flood also pays for compiling the code it runs (the JIT competes for the two
        // cores); the second shows the steady state of an app that has been running a while.
        Flood cold = flood(deploy, session, pane[0], "first");
        waitUntilIdle(deploy);
        Flood warm = flood(deploy, session, pane[0], "second");
        waitUntilIdle(deploy);
        sampler.interrupt();
        long retained = settledHeap(memory) - baseline;
        int shown = onFx(() -> pane[0].getItems().size());
        runner.close();
        Platform.exit();

        return List.of(
                new Row(NAME, LINES + " lines in one burst, first flood: longest FX pulse gap",
                        Benchmarks.millis(cold.longestGapMs()), "< 50 ms"),
                new Row(NAME, LINES + " lines in one burst, second flood: longest FX pulse gap",
                        Benchmarks.millis(warm.longestGapMs()), "< 50 ms"),
                new Row(NAME, "first line sent to last line on screen (first / second flood)",
                        Benchmarks.millis(cold.absorbedMs()) + " / " + Benchmarks.millis(warm.absorbedMs()), ""),
                new Row(NAME, "heap held after the burst (" + shown + " lines kept on screen, all on disk)",
                        Benchmarks.megabytes(Math.max(0, retained)), "< 64 MB"),
                new Row(NAME, "peak heap growth during the burst (garbage included)",
                        Benchmarks.megabytes(peak.get() - baseline), ""));
    }

    private record Flood(double longestGapMs, double absorbedMs) {
    }

    /** Sends {@link #LINES} lines and measures the longest gap between FX pulses until the last is shown. */
    private static Flood flood(DeployController deploy, Session session, LogPane pane, String name) throws Exception {
        session.values().put(FLOOD, name);
        AtomicLong longestGap = new AtomicLong();
        AnimationTimer pulses = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    longestGap.accumulateAndGet(now - last, Math::max);
                }
                last = now;
            }
        };
        Platform.runLater(pulses::start);
        Thread.sleep(300);
        longestGap.set(0);
        long start = System.nanoTime();
        Platform.runLater(() -> deploy.run(List.of("burst")));
        waitForLastLine(pane, name + " line " + LINES);
        double absorbed = (System.nanoTime() - start) / 1e6;
        Thread.sleep(300); // a few more pulses after the last refresh
        Platform.runLater(pulses::stop);
        return new Flood(longestGap.get() / 1e6, absorbed);
    }

    private static void waitUntilIdle(DeployController deploy) throws Exception {
        while (onFx(() -> deploy.runningProperty().get())) {
            Thread.sleep(5);
        }
    }

    private static void waitForLastLine(LogPane pane, String last) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<LogLine> items = onFx(() -> List.copyOf(pane.getItems()));
            if (!items.isEmpty() && items.get(items.size() - 1).text().endsWith(last)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the last line never reached the pane");
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
