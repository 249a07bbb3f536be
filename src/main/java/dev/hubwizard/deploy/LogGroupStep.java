package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.CloudWatchLogGroup;
import dev.hubwizard.aws.LogGroups;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;

/** Finds or creates the hub's CloudWatch log group, with the profile's retention. */
public final class LogGroupStep implements Step {

    public static final String ID = "log-group";
    public static final Key<CloudWatchLogGroup> LOG_GROUP = Key.of("log-group", CloudWatchLogGroup.class);

    private final Profile profile;
    private final LogGroups logGroups;

    public LogGroupStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.logGroups = new LogGroups(aws, new ProfileTags(profile.name()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Log group";
    }

    @Override
    public void run(StepContext context) throws Exception {
        context.put(LOG_GROUP, logGroups.ensure(context, name(), profile.advanced().logRetentionDays()));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        return logGroups.preview(name(), profile.advanced().logRetentionDays());
    }

    private String name() {
        return LogGroups.nameFor(profile.names().taskFamily());
    }
}
