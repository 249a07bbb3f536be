package dev.hubwizard.aws;

import java.time.Instant;
import java.util.Optional;

/**
 * The IAM role ECS uses to pull the image and write the logs.
 *
 * @param createdByThisProfile whether one of this profile's deploys created it (then teardown may delete
 *                             it); {@code ecsTaskExecutionRole} usually exists already and is shared
 * @param changedAt            when this run created it or changed its policies, or null: IAM takes a while to
 *                             make such a change usable by ECS ({@link ExecutionRoles#awaitUsable})
 */
public record ExecutionRole(String name, String arn, boolean createdByThisProfile, Instant changedAt) {

    /** A role this run did not change. */
    public ExecutionRole(String name, String arn, boolean createdByThisProfile) {
        this(name, arn, createdByThisProfile, null);
    }

    public Optional<Instant> changed() {
        return Optional.ofNullable(changedAt);
    }

    ExecutionRole changedAt(Instant when) {
        return new ExecutionRole(name, arn, createdByThisProfile, when);
    }
}
