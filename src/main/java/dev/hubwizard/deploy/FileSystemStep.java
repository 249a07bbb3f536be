package dev.hubwizard.deploy;

import dev.hubwizard.aws.AccessPoints;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.FileSystems;
import dev.hubwizard.aws.HubFileSystem;
import dev.hubwizard.aws.HubNetwork;
import dev.hubwizard.aws.MountTargets;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.UserIds;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Homes that survive redeploys: the encrypted EFS file system, a mount target in each zone of the hub's
 * subnets, the access point mounted as {@code /home}, and pinned user ids. The ids are kept on the file system's
 * journal record ({@link #USER_IDS_ATTRIBUTE}): they matter exactly as long as its files do, survive a teardown
 * that keeps it, and go with it.
 */
public final class FileSystemStep implements Step {

    public static final String ID = "file-system";
    public static final Key<HomesOnEfs> HOMES = Key.of("homes", HomesOnEfs.class);
    static final String USER_IDS_ATTRIBUTE = "userIds";

    private final Profile profile;
    private final String name;
    private final FileSystems fileSystems;
    private final MountTargets mountTargets;
    private final AccessPoints accessPoints;

    public FileSystemStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.name = name(profile);
        ProfileTags tags = new ProfileTags(profile.name());
        this.fileSystems = new FileSystems(aws, tags);
        this.mountTargets = new MountTargets(aws, tags);
        this.accessPoints = new AccessPoints(aws, tags);
    }

    /** The file system's (and its access point's) name: {@code team-hub-homes}. */
    static String name(Profile profile) {
        return new AwsTexts(profile.name()).fileSystemName();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Users' files (EFS)";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(NetworkStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        HubNetwork network = context.require(NetworkStep.NETWORK);
        FileSystemDescription fileSystem = fileSystems.ensure(context, name);
        String id = fileSystem.fileSystemId();
        mountTargets.ensure(context, id, network);
        AccessPointDescription accessPoint = accessPoints.ensure(context, name, id);
        Map<String, Integer> ids = pinUserIds(context, id);
        context.put(HOMES, new HomesOnEfs(new HubFileSystem(id, accessPoint.accessPointId()), ids));
    }

    /** Everyone's id, given once and kept on the file system's record; the current users' ids returned. */
    private Map<String, Integer> pinUserIds(StepContext context, String fileSystemId) {
        List<String> users = UserIds.everyone(profile.hub());
        Optional<ResourceRecord> record = context.journal().findById(ResourceKind.FILE_SYSTEM, fileSystemId);
        Map<String, Integer> given = UserIds.parse(record.map(r -> r.attribute(USER_IDS_ATTRIBUTE)).orElse(""));
        Map<String, Integer> all = UserIds.assign(given, users);
        if (record.isPresent() && !all.equals(given)) {
            Map<String, String> attributes = new HashMap<>(record.get().attributes());
            attributes.put(USER_IDS_ATTRIBUTE, UserIds.format(all));
            ResourceRecord r = record.get();
            context.journal().record(new ResourceRecord(r.kind(), r.id(), r.name(), attributes, r.createdBy(),
                    r.createdAt()));
            context.log().info("Pinned user ids " + UserIds.format(UserIds.of(all, users)) + " on file system "
                    + fileSystemId);
        } else if (record.isEmpty()) {
            context.log().warn("File system " + fileSystemId + " is not this profile's, so its user ids are not "
                    + "kept: users get " + UserIds.format(UserIds.of(all, users)) + " this time");
        }
        return UserIds.of(all, users);
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        List<Intent> intents = new ArrayList<>();
        Optional<FileSystemDescription> fileSystem = fileSystems.find(context.journal(), name);
        Optional<String> id = fileSystem.map(FileSystemDescription::fileSystemId);
        intents.add(fileSystems.preview(context.journal(), name));
        intents.addAll(mountTargets.preview(id, context.get(NetworkStep.NETWORK).map(HubNetwork::subnetIds)
                .orElse(List.of())));
        intents.add(accessPoints.preview(context.journal(), name, id));
        return intents;
    }
}
