package dev.hubwizard.aws;

import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The find-or-create rule every resource class follows, so that a deploy can be re-run after a crash
 * at any point and end with the same resources: the resource the journal names is used if AWS still
 * has it; otherwise one found by name and the profile's tag (made by a run that died before it could
 * record it) is adopted into the journal; only then is one created — and recorded before any
 * further call.
 */
final class Journaled {

    interface Lookup<T> {
        Optional<T> find() throws ProblemException;
    }

    interface ById<T> {
        Optional<T> find(String id) throws ProblemException;
    }

    interface Create<T> {
        T create() throws ProblemException;
    }

    /** Whether the resource a record names no longer exists in AWS. */
    interface Gone {
        boolean gone(String id) throws ProblemException;
    }

    /**
     * For resources whose name is their identity (repository, cluster, log group, role, service): when
     * the name finds nothing, whatever was recorded under it is gone.
     */
    static final Gone NAME_IS_IDENTITY = id -> true;

    /** How to journal one kind of resource. */
    interface Identity<T> {
        String id(T resource);

        Map<String, String> attributes(T resource);

        /** Tagged with this profile: made by one of its deploys, so teardown may delete it. */
        boolean owned(T resource) throws ProblemException;
    }

    /** A resource and whether this call created it. */
    record Outcome<T>(T resource, boolean created) {
    }

    private Journaled() {
    }

    /**
     * Read-only, so previews can use it: a resource the journal records under {@code name} (newest first)
     * that {@code byId} still finds, else whatever {@code byName} finds.
     */
    static <T> Optional<T> find(Journal journal, String kind, String name, ById<T> byId, Lookup<T> byName)
            throws ProblemException {
        List<ResourceRecord> recorded = journal.ofKind(kind).stream().filter(r -> r.name().equals(name)).toList();
        for (int i = recorded.size() - 1; i >= 0; i--) {
            Optional<T> found = byId.find(recorded.get(i).id());
            if (found.isPresent()) {
                return found;
            }
        }
        return byName.find();
    }

    /**
     * @param gone how to tell that a recorded resource no longer exists; a record is forgotten only then,
     *             never because it is not the one wanted here (the profile's network may have moved to
     *             another VPC, and teardown still needs the old one's records)
     */
    static <T> Outcome<T> ensure(StepContext ctx, String kind, String label, String name, Lookup<T> find,
                                 Gone gone, Create<T> create, Identity<T> identity) throws ProblemException {
        Optional<T> found = find.find();
        if (found.isPresent()) {
            T resource = found.get();
            String id = identity.id(resource);
            if (ctx.journal().findById(kind, id).isPresent()) {
                ctx.log().info("Reusing " + describe(label, name, id));
            } else if (identity.owned(resource)) {
                ctx.log().info("Adopting " + describe(label, name, id)
                        + ": tagged for this profile by a run that stopped before recording it");
                forgetGone(ctx, kind, name, gone);
                ctx.recordCreated(kind, id, name, identity.attributes(resource));
            } else {
                ctx.log().info("Reusing " + describe(label, name, id)
                        + ", which this profile did not create: teardown will leave it alone");
            }
            return new Outcome<>(resource, false);
        }
        forgetGone(ctx, kind, name, gone);
        T created = create.create();
        ctx.recordCreated(kind, identity.id(created), name, identity.attributes(created));
        ctx.log().info("Created " + describe(label, name, identity.id(created)));
        return new Outcome<>(created, true);
    }

    private static String describe(String label, String name, String id) {
        return label + " " + name + (id.equals(name) ? "" : " (" + id + ")");
    }

    /** Forgets records of this kind and name whose resources are gone (deleted outside Hub Wizard). */
    private static void forgetGone(StepContext ctx, String kind, String name, Gone gone) throws ProblemException {
        for (ResourceRecord stale : ctx.journal().ofKind(kind)) {
            if (stale.name().equals(name) && gone.gone(stale.id())) {
                ctx.log().info("Forgetting " + kind + " " + stale.id() + ": it no longer exists in AWS");
                ctx.journal().forget(kind, stale.id());
            }
        }
    }
}
