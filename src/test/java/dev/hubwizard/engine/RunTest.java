package dev.hubwizard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.hubwizard.engine.TestSteps.noop;
import static dev.hubwizard.engine.TestSteps.step;
import static org.assertj.core.api.Assertions.assertThat;

class RunTest {

    private final Runner runner = Runner.withBackgroundThreads();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    private Session session() throws IOException {
        return new Session(new Journal(JournalStore.inMemory()));
    }

    @Test
    void runsStepsAfterTheirDependencies() throws Exception {
        Plan plan = new Plan("deploy", List.of(noop("build"), noop("repository"), noop("push", "build", "repository"),
                noop("service", "push")));

        RunResult result = runner.start(plan, session(), listener).await();

        assertThat(result.succeeded()).isTrue();
        List<String> started = listener.started();
        assertThat(started.indexOf("push")).isGreaterThan(started.indexOf("build"))
                .isGreaterThan(started.indexOf("repository"));
        assertThat(started.indexOf("service")).isGreaterThan(started.indexOf("push"));
        assertThat(listener.statesOf("push")).containsExactly(StepState.WAITING, StepState.RUNNING, StepState.DONE);
    }

    @Test
    void runsIndependentStepsAtTheSameTimeOnBackgroundThreads() throws Exception {
        // Each step waits until all three are running: this only finishes if they overlap.
        CountDownLatch allRunning = new CountDownLatch(3);
        TestSteps.Body body = context -> {
            assertThat(Thread.currentThread().getName()).isEqualTo("step-" + context.stepId());
            allRunning.countDown();
            assertThat(allRunning.await(5, TimeUnit.SECONDS)).as("the other steps started meanwhile").isTrue();
            Thread.sleep(200);
        };
        Plan plan = new Plan("p", List.of(step("build", body), step("repository", body), step("network", body)));

        RunResult result = runner.start(plan, session(), listener).await();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.wallTime()).isLessThan(result.sumOfStepTimes().dividedBy(2));
    }

    @Test
    void aFailureSkipsItsDependantsButNotIndependentSteps() throws Exception {
        Plan plan = new Plan("p", List.of(
                step("build", context -> {
                    throw new ProblemException("The image did not build", "step 3/9 failed", "Fix the Dockerfile");
                }),
                noop("push", "build"), noop("service", "push"), noop("repository")));

        RunResult result = runner.start(plan, session(), listener).await();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.state("build")).isEqualTo(StepState.FAILED);
        assertThat(result.state("push")).isEqualTo(StepState.SKIPPED);
        assertThat(result.state("service")).isEqualTo(StepState.SKIPPED);
        assertThat(result.state("repository")).isEqualTo(StepState.DONE);
        StepEvent failure = result.firstFailure().orElseThrow();
        assertThat(failure.problem().what()).isEqualTo("The image did not build");
        assertThat(failure.problem().next()).isEqualTo("Fix the Dockerfile");
        assertThat(listener.lines).anySatisfy(line -> {
            assertThat(line.level()).isEqualTo(LogLevel.ERROR);
            assertThat(line.text()).contains("step 3/9 failed");
        });
    }

    @Test
    void anUnexpectedExceptionBecomesAProblemWithANextAction() throws Exception {
        Plan plan = new Plan("p", List.of(step("a", context -> {
            throw new IllegalStateException("boom");
        })));

        RunResult result = runner.start(plan, session(), listener).await();

        Problem problem = result.firstFailure().orElseThrow().problem();
        assertThat(problem.why()).isEqualTo("boom");
        assertThat(problem.next()).isNotBlank();
    }

    @Test
    void cancelStopsRunningStepsPromptlyAndCancelsTheWaitingOnes() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        AtomicBoolean hookRan = new AtomicBoolean();
        Plan plan = new Plan("p", List.of(
                // Blocks in sleep: only an interrupt stops it.
                step("sleeper", context -> {
                    started.countDown();
                    Thread.sleep(60_000);
                }),
                // Blocks in something an interrupt cannot reach: its cancel hook releases it.
                step("blocked", context -> {
                    CountDownLatch release = new CountDownLatch(1);
                    try (AutoCloseable hook = context.onCancel(() -> {
                        hookRan.set(true);
                        release.countDown();
                    })) {
                        started.countDown();
                        while (release.getCount() > 0) {
                            try {
                                release.await();
                            } catch (InterruptedException ignored) {
                                // Like a blocking socket read: interrupts do not end the wait.
                            }
                        }
                    }
                    // What a real step does when its stream is aborted under it.
                    context.throwIfCancelled();
                }),
                noop("after", "sleeper")));
        Run run = runner.start(plan, session(), listener);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        long before = System.nanoTime();
        run.cancel();
        RunResult result = run.completion().get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.state("sleeper")).isEqualTo(StepState.CANCELLED);
        assertThat(result.state("blocked")).isEqualTo(StepState.CANCELLED);
        assertThat(result.state("after")).isEqualTo(StepState.CANCELLED);
        assertThat(result.cancelled()).isTrue();
        assertThat(hookRan).isTrue();
    }

    @Test
    void cancelLeavesTheJournalTrue() throws Exception {
        Session session = session();
        CountDownLatch created = new CountDownLatch(1);
        Plan plan = new Plan("p", List.of(step("network", context -> {
            context.recordCreated("vpc", "vpc-1", "team", Map.of("cidr", "10.0.0.0/16"));
            created.countDown();
            context.pause(Duration.ofMinutes(1));
            context.recordCreated("subnet", "subnet-1", "team-a", Map.of());
        })));
        Run run = runner.start(plan, session, listener);
        assertThat(created.await(5, TimeUnit.SECONDS)).isTrue();

        run.cancel();
        run.completion().get(5, TimeUnit.SECONDS);

        assertThat(session.journal().all()).extracting(ResourceRecord::id).containsExactly("vpc-1");
        assertThat(session.journal().all().get(0).createdBy()).isEqualTo("network");
    }

    @Test
    void stepsHandValuesToLaterSteps() throws Exception {
        Key<String> uri = Key.of("repository URI", String.class);
        Session session = session();
        Plan plan = new Plan("p", List.of(
                step("repository", context -> context.put(uri, "123.dkr.ecr/team")),
                step("push", context -> context.log().info("pushing to " + context.require(uri)), "repository")));

        runner.start(plan, session, listener).await();

        assertThat(listener.lines).extracting(LogLine::text).contains("pushing to 123.dkr.ecr/team");
        assertThat(session.values().get(uri)).contains("123.dkr.ecr/team");
    }

    @Test
    void secretsNeverReachTheLog() throws Exception {
        Plan plan = new Plan("p", List.of(step("push", context -> {
            context.secret("s3cr3t-registry-token");
            context.log().info("logging in with s3cr3t-registry-token");
            throw new IllegalStateException("denied for s3cr3t-registry-token");
        })));

        runner.start(plan, session(), listener).await();

        assertThat(listener.lines).isNotEmpty().allSatisfy(line ->
                assertThat(line.text()).doesNotContain("s3cr3t-registry-token"));
        assertThat(listener.lines).extracting(LogLine::text).contains("logging in with ****");
    }

    @Test
    void reportsProgress() throws Exception {
        Plan plan = new Plan("p", List.of(step("build", context -> {
            for (int i = 1; i <= 3; i++) {
                context.progress(new Progress(i, 3, "Step " + i + "/3"));
            }
        })));

        runner.start(plan, session(), listener).await();

        assertThat(listener.progress).extracting(Progress::message).containsExactly("Step 1/3", "Step 2/3", "Step 3/3");
        assertThat(listener.progress.get(2).fraction()).isEqualTo(1.0);
    }

    @Test
    void anEmptyPlanFinishesAtOnce() throws Exception {
        RunResult result = runner.start(new Plan("p", List.of()), session(), listener).await();

        assertThat(result.succeeded()).isTrue();
    }
}
