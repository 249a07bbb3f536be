package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.FargateZones;
import dev.hubwizard.aws.HubNetwork;
import dev.hubwizard.aws.Network;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.util.List;

/** VPC, subnets, internet gateway, route table and security group, in the profile's network mode. */
public final class NetworkStep implements Step {

    public static final String ID = "network";
    public static final Key<HubNetwork> NETWORK = Key.of("network", HubNetwork.class);

    private final Network network;

    public NetworkStep(Profile profile, AwsClients aws) {
        this(profile, aws, FargateZones.bundled());
    }

    /** @param fargate where Fargate runs tasks, by zone ID */
    public NetworkStep(Profile profile, AwsClients aws, FargateZones fargate) {
        this.network = new Network(aws, profile, fargate);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Network";
    }

    @Override
    public void run(StepContext context) throws Exception {
        context.put(NETWORK, network.ensure(context));
    }

    @Override
    public List<Intent> preview(StepContext context) throws Exception {
        return network.preview(context.journal());
    }
}
