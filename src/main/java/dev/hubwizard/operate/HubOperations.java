package dev.hubwizard.operate;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.Profile;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Day-two operations on a deployed hub as the start screen uses them: its live status, pause, resume. Each call
 * is slow (AWS, the hub): callers run them in the background.
 */
public interface HubOperations {

    /** Asks nothing of AWS: every hub shows what its profile last recorded, and nothing can be paused. */
    HubOperations OFFLINE = new HubOperations() {
        @Override
        public HubStatus status(Profile profile) {
            return new HubStatus(LiveState.NOT_IN_AWS, "", "", Optional.empty(), "", java.time.Instant.now());
        }

        @Override
        public MonthToDate spending(Profile profile) {
            return new MonthToDate(MonthToDate.Kind.NOTHING, "—", "");
        }

        @Override
        public HubLog logs(Profile profile) {
            throw new UnsupportedOperationException("This window does not ask AWS");
        }

        @Override
        public HubUsers.Lists userLists(Profile profile) throws ProblemException {
            throw new ProblemException(offline().problem().orElseThrow());
        }

        @Override
        public Outcome pause(Profile profile) {
            return offline();
        }

        @Override
        public Outcome resume(Profile profile) {
            return offline();
        }

        private Outcome offline() {
            return new Outcome(Optional.of(new Problem("AWS is not asked here", "this window works offline",
                    "Use the app's start screen")), "", Path.of(""));
        }
    };

    /** Where the hub stands in AWS now; never throws (a failed look is {@link LiveState#UNKNOWN}). */
    HubStatus status(Profile profile);

    /** What AWS billed this month for the hub's tagged resources (Cost Explorer, $0.01 a look); never throws. */
    MonthToDate spending(Profile profile);

    /** The hub's own log in CloudWatch Logs, to read (slowly: in the background). */
    HubLog logs(Profile profile);

    /** The hub's user lists as AWS holds them, and when the running hub last picked them up. */
    HubUsers.Lists userLists(Profile profile) throws ProblemException;

    /** Pauses the hub and waits until its task has stopped. */
    Outcome pause(Profile profile) throws InterruptedException;

    /** Resumes the hub and waits until it answers. */
    Outcome resume(Profile profile) throws InterruptedException;

    /**
     * How a pause or resume ended.
     *
     * @param problem what went wrong; empty when it was done
     * @param url     where the resumed hub answers; empty for a pause
     * @param log     the run's full log
     */
    record Outcome(Optional<Problem> problem, String url, Path log) {

        public boolean done() {
            return problem.isEmpty();
        }
    }
}
