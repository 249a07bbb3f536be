package dev.hubwizard.profile;

import java.util.List;

/**
 * A deployment profile: everything needed to deploy one hub, redeploy it and tear it down.
 * Validated once where it enters the app ({@link ProfileValidator}); the rest of the code trusts it.
 */
public record Profile(String name, AwsTarget aws, ResourceNames names, TaskSize task, NetworkSettings network,
                      HubSettings hub, Options options, UserServers servers, Advanced advanced,
                      DeploymentState deployment) {

    public Profile {
        name = name == null ? "" : name.trim();
        aws = aws == null ? new AwsTarget("", "") : aws;
        names = names == null ? ResourceNames.derivedFrom(name) : names;
        task = task == null ? TaskSize.DEFAULT : task;
        network = network == null ? new NetworkSettings(NetworkMode.NEW_VPC, "", List.of(), "") : network;
        hub = hub == null ? new HubSettings("", List.of(), List.of(), SignIn.FIRST_USE_PASSWORD, CognitoSettings.NONE,
                HubSettings.PORT, false) : hub;
        options = options == null ? Options.NONE : options;
        servers = servers == null ? UserServers.DEFAULT : servers;
        advanced = advanced == null ? Advanced.DEFAULT : advanced;
        deployment = deployment == null ? DeploymentState.NEW : deployment;
    }

    /** A new profile with sensible defaults: us-east-1, 1 vCPU / 2 GB X86_64, a VPC of its own. */
    public static Profile named(String name) {
        return new Profile(name, new AwsTarget("", "us-east-1"), ResourceNames.derivedFrom(name), TaskSize.DEFAULT,
                null, null, Options.NONE, UserServers.DEFAULT, Advanced.DEFAULT, DeploymentState.NEW);
    }

    public Profile withName(String newName) {
        return new Profile(newName, aws, names, task, network, hub, options, servers, advanced, deployment);
    }

    public Profile withAws(AwsTarget value) {
        return new Profile(name, value, names, task, network, hub, options, servers, advanced, deployment);
    }

    public Profile withNames(ResourceNames value) {
        return new Profile(name, aws, value, task, network, hub, options, servers, advanced, deployment);
    }

    public Profile withTask(TaskSize value) {
        return new Profile(name, aws, names, value, network, hub, options, servers, advanced, deployment);
    }

    public Profile withNetwork(NetworkSettings value) {
        return new Profile(name, aws, names, task, value, hub, options, servers, advanced, deployment);
    }

    public Profile withHub(HubSettings value) {
        return new Profile(name, aws, names, task, network, value, options, servers, advanced, deployment);
    }

    public Profile withOptions(Options value) {
        return new Profile(name, aws, names, task, network, hub, value, servers, advanced, deployment);
    }

    public Profile withServers(UserServers value) {
        return new Profile(name, aws, names, task, network, hub, options, value, advanced, deployment);
    }

    public Profile withAdvanced(Advanced value) {
        return new Profile(name, aws, names, task, network, hub, options, servers, value, deployment);
    }

    public Profile withDeployment(DeploymentState value) {
        return new Profile(name, aws, names, task, network, hub, options, servers, advanced, value);
    }
}
