package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Run;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.engine.Session;

import java.util.function.Supplier;

/**
 * Where the wizard's runs come from: the open profile's session and plan, and how a run starts (for a
 * profile, through its Deployment, which keeps the profile's summary true). Every method is called on
 * a background thread: they may read files and build AWS clients.
 */
public interface DeploySource {

    Session session() throws Exception;

    Plan plan() throws Exception;

    Run start(Plan plan, RunListener listener) throws Exception;

    /** A plain source: a fixed session and plan run on a runner (tests, benchmarks). */
    static DeploySource of(Runner runner, Supplier<Session> session, Supplier<Plan> plan) {
        return new DeploySource() {
            @Override
            public Session session() {
                return session.get();
            }

            @Override
            public Plan plan() {
                return plan.get();
            }

            @Override
            public Run start(Plan toRun, RunListener listener) {
                return runner.start(toRun, session.get(), listener);
            }
        };
    }
}
