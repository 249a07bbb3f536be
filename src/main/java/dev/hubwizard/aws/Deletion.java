package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule every delete method follows, so that teardown touches only what this profile made and can
 * be re-run after an interruption at any point: the resource is looked up by the id its journal
 * record holds (never by name); when AWS no longer has it the record is forgotten ("already gone");
 * when it no longer carries this profile's tag it is left alone and reported (a reused name or id, or
 * a hand-edited journal); otherwise it is deleted and its record forgotten the moment AWS confirms it.
 */
final class Deletion {

    interface Lookup<T> {
        Optional<T> find() throws ProblemException;
    }

    interface Tags<T> {
        Map<String, String> of(T resource) throws ProblemException;
    }

    interface Delete<T> {
        void delete(T resource) throws ProblemException, Cancellation.CancelledException, InterruptedException;
    }

    interface Call {
        void run() throws ProblemException;
    }

    /** What holds a resource that AWS says is in use (the network interfaces in a subnet), in words. */
    interface Holders {
        List<String> now() throws ProblemException;
    }

    private Deletion() {
    }

    /** @param label what the user calls it ("security group") */
    static <T> void delete(StepContext ctx, ProfileTags profile, ResourceRecord record, String label, Lookup<T> find,
                           Tags<T> tags, Delete<T> delete)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        delete(ctx, profile, record, label, "Deleted", find, tags, delete);
    }

    /** @param done what the log says once it is gone ("Deleted", "Deregistered") */
    static <T> void delete(StepContext ctx, ProfileTags profile, ResourceRecord record, String label, String done,
                           Lookup<T> find, Tags<T> tags, Delete<T> delete)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Optional<T> found = find.find();
        if (found.isEmpty()) {
            gone(ctx, record, label);
            return;
        }
        Map<String, String> carried = tags.of(found.get());
        if (!profile.ownedBy(carried)) {
            throw notOurs(profile, record, label, carried);
        }
        try {
            delete.delete(found.get());
        } catch (ProblemException e) {
            // Deleted by someone else between the look and the delete: the goal is reached all the same.
            if (!AwsProblems.isNotFound(e)) {
                throw e;
            }
        }
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info(done + " " + describe(label, record));
    }

    /** Forgets a record whose resource AWS no longer has. */
    static void gone(StepContext ctx, ResourceRecord record, String label) {
        ctx.journal().forget(record.kind(), record.id());
        ctx.log().info(capitalized(describe(label, record)) + " is already gone: forgetting it");
    }

    /**
     * Runs {@code call} until AWS stops answering DependencyViolation, for at most {@code waits.timeout()}:
     * what still uses the resource (a stopped task's network interface) goes away by itself, in minutes.
     */
    static void whileInUse(StepContext ctx, DeletionWaits waits, String what, Call call)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        whileInUse(ctx, waits, what, call, List::of);
    }

    /**
     * As {@link #whileInUse(StepContext, DeletionWaits, String, Call)}, saying what holds it (which network
     * interfaces) when it starts waiting, whenever that changes, and when it gives up.
     */
    static void whileInUse(StepContext ctx, DeletionWaits waits, String what, Call call, Holders holders)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        long deadline = System.nanoTime() + waits.timeout().toNanos();
        List<String> told = null;
        while (true) {
            try {
                call.run();
                return;
            } catch (ProblemException e) {
                if (!AwsProblems.isInUse(e)) {
                    throw e;
                }
                List<String> holding = holders.now();
                if (System.nanoTime() - deadline > 0) {
                    throw new ProblemException(new Problem(capitalized(what) + " is still in use",
                            e.problem().why() + "; still so after " + minutes(waits.timeout())
                                    + (holding.isEmpty() ? "" : ", held by " + String.join(", ", holding)),
                            "Look in the AWS console for what still uses it (often a network interface of "
                                    + "something else in the VPC), remove that, then run the teardown again"), e);
                }
                if (told == null) {
                    ctx.log().info(capitalized(what) + " is still in use (" + e.problem().why() + ")"
                            + heldBy(holding) + "; AWS releases network interfaces minutes after tasks and load "
                            + "balancers are gone, so Hub Wizard tries again every " + minutes(waits.every())
                            + " for up to " + minutes(waits.timeout()));
                } else if (!holding.equals(told)) {
                    ctx.log().info(capitalized(what) + " is still in use" + (holding.isEmpty()
                            ? ", by no network interface any more" : heldBy(holding)));
                }
                told = holding;
                ctx.pause(waits.every());
            }
        }
    }

    private static String heldBy(List<String> holding) {
        return holding.isEmpty() ? "" : ": held by network interface(s) " + String.join(", ", holding);
    }

    static String describe(String label, ResourceRecord record) {
        return label + " " + record.id() + (record.name().isEmpty() || record.name().equals(record.id()) ? ""
                : " (" + record.name() + ")");
    }

    static ProblemException notOurs(ProfileTags profile, ResourceRecord record, String label,
                                            Map<String, String> carried) {
        String tag = ProfileTags.PROFILE_KEY + "=" + profile.profile();
        String found = carried.containsKey(ProfileTags.PROFILE_KEY)
                ? "it is tagged " + ProfileTags.PROFILE_KEY + "=" + carried.get(ProfileTags.PROFILE_KEY)
                : "it has no " + ProfileTags.PROFILE_KEY + " tag";
        return new ProblemException(new Problem("Left " + describe(label, record) + " alone",
                "the profile's record names it, but " + found + ", not " + tag
                        + ": it may be someone else's resource under a reused name or id, or the record was edited "
                        + "by hand",
                "Look at it in the AWS console. If it is not this profile's, remove its entry from deployment."
                        + "resources in the profile file; if it is, tag it " + tag + " again. Then run the teardown "
                        + "again"));
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String minutes(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
