package dev.hubwizard.deploy;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;

import java.util.List;
import java.util.Set;

/**
 * A teardown step: deletes every resource of one journal kind, one at a time, so that one that cannot
 * go is noted for the report at the end while the others still go. Only the journal's records drive it:
 * it never looks anything up by name. A kind kept by choice is left standing, and on record.
 */
final class DeleteResourcesStep implements Step {

    /** Deletes one recorded resource and forgets its record; throws {@link ProblemException} to say why not. */
    @FunctionalInterface
    interface Deleter {
        void delete(StepContext context, ResourceRecord record) throws Exception;
    }

    /**
     * @param kind   the journal kind ({@code security-group})
     * @param label  what the user calls it ("security group")
     * @param detail what deleting it means, for the preview
     * @param kept   what keeping it means, for the preview and the log, when it is kept by choice
     */
    record Target(String kind, String label, String detail, String kept) {

        Target(String kind, String label, String detail) {
            this(kind, label, detail, "kept, as chosen");
        }
    }

    private final String id;
    private final String title;
    private final Set<String> dependsOn;
    private final Target target;
    private final boolean kept;
    private final Leftovers leftovers;
    private final Deleter deleter;

    DeleteResourcesStep(String id, String title, Set<String> dependsOn, Target target, TeardownChoices choices,
                        Leftovers leftovers, Deleter deleter) {
        this.id = id;
        this.title = title;
        this.dependsOn = Set.copyOf(dependsOn);
        this.target = target;
        this.kept = choices.keeps(target.kind());
        this.leftovers = leftovers;
        this.deleter = deleter;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Set<String> dependsOn() {
        return dependsOn;
    }

    Target target() {
        return target;
    }

    @Override
    public void run(StepContext context) throws Exception {
        List<ResourceRecord> records = context.journal().ofKind(target.kind());
        if (kept) {
            records.forEach(r -> context.log().info("Keeping " + describe(r) + ": " + target.kept()));
            return;
        }
        if (records.isEmpty()) {
            context.log().info("No " + target.label() + " on this profile's record: nothing to delete");
        }
        for (ResourceRecord record : records) {
            context.throwIfCancelled();
            try {
                deleter.delete(context, record);
                leftovers.clear(record);
            } catch (ProblemException e) {
                leftovers.add(record, e.problem());
                context.log().warn(e.problem().text());
            }
        }
    }

    /** One line per recorded resource, by kind and id: what the teardown confirmation lists. */
    @Override
    public List<Intent> preview(StepContext context) {
        return context.journal().ofKind(target.kind()).stream()
                .map(r -> kept ? Intent.keep(target.label(), r.id(), withName(r, target.kept()))
                        : Intent.delete(target.label(), r.id(), withName(r, target.detail())))
                .toList();
    }

    private String describe(ResourceRecord record) {
        return target.label() + " " + record.id() + (hasOwnName(record) ? " (" + record.name() + ")" : "");
    }

    private static String withName(ResourceRecord record, String detail) {
        return hasOwnName(record) ? record.name() + (detail.isEmpty() ? "" : "; " + detail) : detail;
    }

    private static boolean hasOwnName(ResourceRecord record) {
        return !record.name().isEmpty() && !record.name().equals(record.id());
    }
}
