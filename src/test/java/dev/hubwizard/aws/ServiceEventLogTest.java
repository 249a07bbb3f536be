package dev.hubwizard.aws;

import dev.hubwizard.engine.StepLog;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** moto's services have no events, so the streaming of ECS service events is proven here. */
class ServiceEventLogTest {

    private final List<String> lines = new ArrayList<>();
    private final StepLog log = (level, text) -> lines.add(text);

    private static ServiceEvent event(String id, int second, String message) {
        return ServiceEvent.builder().id(id).createdAt(Instant.ofEpochSecond(second)).message(message).build();
    }

    @Test
    void eachEventIsLoggedOnceOldestFirstAndEarlierOnesNotAtAll() {
        // ECS lists the newest first, and keeps events from before this deployment.
        AtomicReference<List<ServiceEvent>> described = new AtomicReference<>(List.of(
                event("b", 2, "(service hub) has started 1 tasks"),
                event("a", 1, "(service hub) has reached a steady state."),
                event("old", 0, "(service hub) was created")));
        ServiceEventLog events = new ServiceEventLog(described::get, List.of("old"), log);

        events.poll();
        described.set(List.of(event("c", 3, "(service hub) registered 1 targets"), described.get().get(0),
                described.get().get(1)));
        events.poll();
        events.poll();

        assertThat(lines).containsExactly("ECS: (service hub) has reached a steady state.",
                "ECS: (service hub) has started 1 tasks", "ECS: (service hub) registered 1 targets");
    }

    @Test
    void aFailedPollIsSkippedAndClosingCatchesUp() {
        AtomicReference<List<ServiceEvent>> described = new AtomicReference<>();
        ServiceEventLog events = new ServiceEventLog(() -> {
            if (described.get() == null) {
                throw new IllegalStateException("throttled");
            }
            return described.get();
        }, List.of(), log);

        events.poll();
        described.set(List.of(event("a", 1, "(service hub) has reached a steady state.")));
        events.close();

        assertThat(lines).containsExactly("Could not read the service's events: throttled",
                "ECS: (service hub) has reached a steady state.");
    }
}
