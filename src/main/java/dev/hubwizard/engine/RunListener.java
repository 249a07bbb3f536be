package dev.hubwizard.engine;

import java.util.List;

/**
 * What a run reports. Called from the step threads: implementations hand over to their own thread
 * (the FX thread, a file writer) and return quickly.
 */
public interface RunListener {

    default void stateChanged(StepEvent event) {
    }

    default void log(LogLine line) {
    }

    default void progress(String stepId, Progress progress) {
    }

    default void finished(RunResult result) {
    }

    static RunListener all(RunListener... listeners) {
        List<RunListener> list = List.of(listeners);
        return new RunListener() {
            @Override
            public void stateChanged(StepEvent event) {
                list.forEach(l -> l.stateChanged(event));
            }

            @Override
            public void log(LogLine line) {
                list.forEach(l -> l.log(line));
            }

            @Override
            public void progress(String stepId, Progress progress) {
                list.forEach(l -> l.progress(stepId, progress));
            }

            @Override
            public void finished(RunResult result) {
                list.forEach(l -> l.finished(result));
            }
        };
    }
}
