package dev.hubwizard.aws;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What ECS says about the hub's service right now, read in one look: whether it (and its cluster) still
 * exists, how many tasks it should run, the tasks it has, and the last one that stopped.
 *
 * @param presence     whether the service is there
 * @param desiredCount how many tasks the service wants: 1 running, 0 paused
 * @param tasks        its tasks that have not stopped, newest first
 * @param lastStopped  the task that stopped most recently (ECS keeps them about an hour), explained
 */
public record HubServiceFacts(Presence presence, int desiredCount, List<HubTask> tasks,
                             Optional<StoppedTask> lastStopped) {

    public HubServiceFacts {
        tasks = List.copyOf(tasks);
    }

    /** Where the service stands in ECS. */
    public enum Presence {
        ACTIVE,
        /** Being deleted: ECS drains it. */
        DRAINING,
        /** Deleted (INACTIVE) or never listed: someone removed it outside the app. */
        SERVICE_GONE,
        /** The whole cluster is gone. */
        CLUSTER_GONE
    }

    /**
     * One of the service's tasks.
     *
     * @param lastStatus ECS's word: PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, …
     * @param publicIp   its network interface's public address; empty behind a load balancer or before it has one
     * @param startedAt  when it began RUNNING; null before
     */
    public record HubTask(String taskArn, String lastStatus, String desiredStatus, String publicIp,
                          Instant createdAt, Instant startedAt) {

        public String taskId() {
            return taskArn.substring(taskArn.lastIndexOf('/') + 1);
        }

        public boolean running() {
            return "RUNNING".equals(lastStatus);
        }
    }

    public static HubServiceFacts gone(Presence presence) {
        return new HubServiceFacts(presence, 0, List.of(), Optional.empty());
    }
}
