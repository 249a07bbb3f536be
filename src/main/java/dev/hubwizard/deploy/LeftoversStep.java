package dev.hubwizard.deploy;

import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The teardown's last step: whatever the journal still records (apart from what was kept by choice)
 * is still in AWS. Lists each with why it stayed and what to do, and fails the run; with nothing
 * left, the teardown is complete.
 */
final class LeftoversStep implements Step {

    static final String ID = "check-leftovers";

    private final String profileName;
    private final TeardownChoices choices;
    private final Leftovers leftovers;
    private final Map<String, String> labels;
    private final Set<String> dependsOn;

    /**
     * @param labels    what the user calls each kind the teardown deletes, by journal kind
     * @param dependsOn every other step of the teardown
     */
    LeftoversStep(String profileName, TeardownChoices choices, Leftovers leftovers, Map<String, String> labels,
                  Set<String> dependsOn) {
        this.profileName = profileName;
        this.choices = choices;
        this.leftovers = leftovers;
        this.labels = Map.copyOf(labels);
        this.dependsOn = Set.copyOf(dependsOn);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Check that nothing is left";
    }

    @Override
    public Set<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public void run(StepContext context) throws Exception {
        List<ResourceRecord> all = context.journal().all();
        List<ResourceRecord> kept = all.stream().filter(r -> choices.keeps(r.kind())).toList();
        List<ResourceRecord> remaining = all.stream().filter(r -> !choices.keeps(r.kind())).toList();
        if (remaining.isEmpty()) {
            context.log().info("Nothing of profile " + profileName + " is left in AWS"
                    + (kept.isEmpty() ? "" : "; kept, as chosen: " + kept.stream().map(this::describe).toList()));
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (ResourceRecord record : remaining) {
            lines.append("\n- ").append(describe(record)).append(": ").append(reason(record));
        }
        throw new ProblemException(new Problem(remaining.size() + " resource(s) of profile " + profileName
                + " are still in AWS", "the teardown could not delete them:" + lines,
                "Do what each line says, then run the teardown again: it continues where this one stopped"));
    }

    /** Records of kinds no step deletes: the confirmation says they stay. */
    @Override
    public List<Intent> preview(StepContext context) {
        return context.journal().all().stream().filter(r -> !labels.containsKey(r.kind()))
                .map(r -> Intent.keep(r.kind(), r.id(), "Hub Wizard cannot delete this kind of resource: it stays"))
                .toList();
    }

    private String reason(ResourceRecord record) {
        if (!labels.containsKey(record.kind())) {
            return "Hub Wizard cannot delete this kind of resource. Delete it in the AWS console, then remove its "
                    + "entry from deployment.resources in the profile file";
        }
        return leftovers.of(record).map(Problem::text)
                .orElse("this run did not get to it (a step before it did not finish)");
    }

    private String describe(ResourceRecord record) {
        return labels.getOrDefault(record.kind(), record.kind()) + " " + record.id()
                + (record.name().isEmpty() || record.name().equals(record.id()) ? "" : " (" + record.name() + ")");
    }
}
