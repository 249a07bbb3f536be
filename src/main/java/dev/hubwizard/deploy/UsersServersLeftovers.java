package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.profile.Profile;

/**
 * Whether a teardown has users' servers' things to look for: the profile runs them in their own Fargate tasks, or a
 * deploy that did left its users' family or security group in the journal. A profile that never did makes no call
 * for them.
 */
record UsersServersLeftovers(Profile profile) {

    boolean possible(Journal journal) {
        String family = new AwsTexts(profile.name()).userTaskFamily();
        return profile.servers().onFargate() || !journal.ofKind(ResourceKind.USERS_SECURITY_GROUP).isEmpty()
                || journal.ofKind(ResourceKind.TASK_DEFINITION).stream().anyMatch(r -> family.equals(r.name()));
    }
}
