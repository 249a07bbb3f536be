package dev.hubwizard.deploy;

import dev.hubwizard.aws.AccessPoints;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.Set;

/**
 * A teardown step: once every task has stopped, deletes each person's home folder access point, which the hub made in
 * the profile's file system. The folders and their files stay (the file system goes only when its deletion was
 * confirmed), and a later hub makes the same access point for the same folder again.
 */
final class DeleteHomeAccessPointsStep implements Step {

    static final String ID = "delete-home-access-points";

    private final UsersServersLeftovers leftovers;
    private final AccessPoints accessPoints;

    DeleteHomeAccessPointsStep(Profile profile, AccessPoints accessPoints) {
        this.leftovers = new UsersServersLeftovers(profile);
        this.accessPoints = accessPoints;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Delete the home folders' access points";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(StopTasksStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        if (!leftovers.possible(context.journal())) {
            return;
        }
        for (ResourceRecord fileSystem : context.journal().ofKind(ResourceKind.FILE_SYSTEM)) {
            if (accessPoints.deleteUsers(context, fileSystem.id()) == 0) {
                context.log().info("No home folder access point in " + fileSystem.id());
            }
        }
    }

    @Override
    public List<Intent> preview(StepContext context) {
        List<String> fileSystems = context.journal().ofKind(ResourceKind.FILE_SYSTEM).stream()
                .map(ResourceRecord::id).toList();
        return leftovers.possible(context.journal()) && !fileSystems.isEmpty()
                ? List.of(Intent.run("delete each person's home folder access point in " + String.join(", ",
                fileSystems) + " (their folders stay on the file system)")) : List.of();
    }
}
