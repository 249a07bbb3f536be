package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.StepRecorder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an option turned off leaves in AWS is said, never silently billed, and never deleted by a deploy. */
class UnusedOptionsStepTest {

    private final StepRecorder recorder = new StepRecorder();

    private void recorded(String kind, String id, String name) {
        recorder.session().journal().record(new ResourceRecord(kind, id, name, Map.of(), "load-balancer",
                Instant.parse("2026-11-01T10:00:00Z")));
    }

    @Test
    void aLoadBalancerLeftByATurnedOffStableAddressIsListedAsKeptAndWarnedAbout() throws Exception {
        recorded(ResourceKind.LOAD_BALANCER, "arn:aws:elasticloadbalancing:lb/app/team-hub/1", "team-hub");
        recorded(ResourceKind.TARGET_GROUP, "arn:aws:elasticloadbalancing:tg/team-hub/2", "team-hub");
        recorded(ResourceKind.VPC, "vpc-1", "team-hub-vpc");
        Profile off = TestProfiles.hub("team-hub", 8000, "", "").withOptions(Options.NONE);
        UnusedOptionsStep step = new UnusedOptionsStep(off);

        List<Intent> intents = step.preview(recorder.context(UnusedOptionsStep.ID));

        assertThat(intents).extracting(Intent::action).containsOnly(Intent.Action.KEEP);
        assertThat(intents).extracting(Intent::kind).containsExactly("target group", "load balancer");
        assertThat(intents.get(1).detail()).contains("\"Stable address\" was turned off", "still billed",
                "Tear down removes it");

        step.run(recorder.context(UnusedOptionsStep.ID));
        assertThat(recorder.text()).contains("load balancer team-hub is no longer used since \"Stable address\" was "
                + "turned off, and still billed; Tear down removes it (turning the option on again uses it again)");
        assertThat(recorder.session().journal().ofKind(ResourceKind.LOAD_BALANCER)).as("kept on record").hasSize(1);
    }

    @Test
    void withTheOptionOnOrNothingLeftItSaysNothing() {
        recorded(ResourceKind.LOAD_BALANCER, "arn:aws:elasticloadbalancing:lb/app/team-hub/1", "team-hub");
        Profile on = TestProfiles.hub("team-hub", 8000, "", "").withOptions(new Options(true, "", false));

        assertThat(new UnusedOptionsStep(on).preview(recorder.context(UnusedOptionsStep.ID))).isEmpty();
        assertThat(new UnusedOptionsStep(on.withOptions(Options.NONE)).preview(new StepRecorder()
                .context(UnusedOptionsStep.ID))).as("an empty journal").isEmpty();
    }

    @Test
    void theUsersGroupLeftByServersMovedBackIntoTheHubIsListedAsFree() {
        recorded(ResourceKind.USERS_SECURITY_GROUP, "sg-1", "team-hub-users-sg");
        Profile inHub = TestProfiles.hub("team-hub", 8000, "", "").withOptions(Options.NONE);

        assertThat(new UnusedOptionsStep(inHub).preview(recorder.context(UnusedOptionsStep.ID))).singleElement()
                .satisfies(i -> {
                    assertThat(i.kind()).isEqualTo("users' servers' security group");
                    assertThat(i.detail()).contains("moved back into the hub", "free while nobody uses it");
                });
        Profile onFargate = inHub.withServers(inHub.servers().withPlacement(
                dev.hubwizard.profile.ServerPlacement.FARGATE));
        assertThat(new UnusedOptionsStep(onFargate).preview(recorder.context(UnusedOptionsStep.ID))).isEmpty();
    }

    @Test
    void theZoneOfTheHubsNameLeftByServersMovedBackIntoTheHubIsStillBilled() {
        recorded(ResourceKind.PRIVATE_ZONE, "Z0123456789ABCDEFGHIJ", "team-hub.hubwizard.internal");
        Profile inHub = TestProfiles.hub("team-hub", 8000, "", "").withOptions(Options.NONE);

        assertThat(new UnusedOptionsStep(inHub).preview(recorder.context(UnusedOptionsStep.ID))).singleElement()
                .satisfies(i -> {
                    assertThat(i.kind()).isEqualTo("Route 53 private zone of the hub's name");
                    assertThat(i.name()).isEqualTo("team-hub.hubwizard.internal");
                    assertThat(i.detail()).contains("moved back into the hub", "still billed");
                });
    }
}
