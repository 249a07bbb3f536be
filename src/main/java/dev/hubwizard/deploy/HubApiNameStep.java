package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.HubApiName;
import dev.hubwizard.aws.HubNetwork;
import dev.hubwizard.aws.PrivateZones;
import dev.hubwizard.aws.ProfileTags;
import dev.hubwizard.aws.Vpcs;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.Profile;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * With users' servers in their own Fargate tasks: the Route 53 private zone where the hub keeps its private name
 * ({@link HubApiName}). A server started by one hub task calls the hub's API for as long as it runs; by name, it
 * finds the hub's next task after a redeploy, where a private IP would name a task that is gone.
 *
 * <p>A private zone answers only in a VPC whose DNS resolution and DNS host names are both on. The profile's own
 * VPC gets them turned on; a default or chosen VPC is the user's, so they are asked to turn them on.
 */
public final class HubApiNameStep implements Step {

    public static final String ID = "hub-api-name";
    public static final Key<HubApiName> NAME = Key.of("hub-api-name", HubApiName.class);

    private final Profile profile;
    private final AwsTexts texts;
    private final PrivateZones zones;
    private final Vpcs vpcs;

    public HubApiNameStep(Profile profile, AwsClients aws) {
        this.profile = profile;
        this.texts = new AwsTexts(profile.name());
        ProfileTags tags = new ProfileTags(profile.name());
        this.zones = new PrivateZones(aws, tags);
        this.vpcs = new Vpcs(aws, tags);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "The hub's private name";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(NetworkStep.ID);
    }

    @Override
    public void run(StepContext context) throws Exception {
        String vpcId = context.require(NetworkStep.NETWORK).vpcId();
        checkDns(context, vpcId);
        PrivateZones.PrivateZone zone = zones.ensure(context, texts.privateZoneName(), vpcId);
        HubApiName name = new HubApiName(zone.id(), texts.hubApiName());
        context.log().info("Users' servers reach the hub at " + name.name() + ", which the hub points at its own task"
                + " each time it starts");
        context.put(NAME, name);
    }

    private void checkDns(StepContext context, String vpcId) throws ProblemException {
        if (vpcs.dnsSupport(vpcId) && vpcs.dnsHostnames(vpcId)) {
            return;
        }
        if (profile.network().mode() == NetworkMode.NEW_VPC) {
            vpcs.turnOnDns(context, vpcId);
            return;
        }
        throw new ProblemException("VPC " + vpcId + " does not answer private names",
                "users' servers find the hub by a name in a Route 53 private zone, which a VPC answers only with both "
                        + "its \"DNS resolution\" and \"DNS hostnames\" settings on",
                "In the VPC console select VPC " + vpcId + ", choose Actions, Edit VPC settings, tick \"Enable DNS "
                        + "resolution\" and \"Enable DNS hostnames\" and save; or choose 'A VPC of its own' in the "
                        + "network settings. Then press Retry");
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        Optional<HubNetwork> network = context.get(NetworkStep.NETWORK);
        String why = "where the hub keeps " + texts.hubApiName() + ", its private name for users' servers";
        if (network.isEmpty() || network.get().vpcId().isEmpty()) {
            return List.of(Intent.create("Route 53 private zone", texts.privateZoneName(), why));
        }
        return List.of(zones.preview(context.journal(), texts.privateZoneName(), network.get().vpcId(), why));
    }
}
