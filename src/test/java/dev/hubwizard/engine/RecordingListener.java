package dev.hubwizard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a run reported, for assertions. */
final class RecordingListener implements RunListener {

    final List<StepEvent> events = new CopyOnWriteArrayList<>();
    final List<LogLine> lines = new CopyOnWriteArrayList<>();
    final List<Progress> progress = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(StepEvent event) {
        events.add(event);
    }

    @Override
    public void log(LogLine line) {
        lines.add(line);
    }

    @Override
    public void progress(String stepId, Progress value) {
        progress.add(value);
    }

    List<StepState> statesOf(String stepId) {
        List<StepState> states = new ArrayList<>();
        events.stream().filter(e -> e.stepId().equals(stepId)).forEach(e -> states.add(e.state()));
        return states;
    }

    /** Step ids in the order they started running. */
    List<String> started() {
        return events.stream().filter(e -> e.state() == StepState.RUNNING).map(StepEvent::stepId).toList();
    }
}
