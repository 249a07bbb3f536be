package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import software.amazon.awssdk.services.ecs.model.Compatibility;

import java.util.UUID;

/**
 * What Hub Wizard's deploy makes for people's servers, made directly on the emulator while the deploy side is
 * wired: a subnet and the users' security group, the cluster, the users' task definition (one container,
 * {@code notebook}, of {@code image}) and an EFS file system for home folders.
 */
record UsersCluster(String cluster, String family, String subnet, String securityGroup, String fileSystem) {

    static UsersCluster make(AwsClients aws, String image) {
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        // Moto gives an awsvpc task its network interface only in a VPC with DNS host names.
        aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
        String subnet = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        String group = aws.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("users")
                .description("users servers")).groupId();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String cluster = "hub-" + id;
        String family = "team-" + id + "-user";
        aws.ecs().createCluster(r -> r.clusterName(cluster));
        // Moto needs a container-level memory; real ECS takes the task-level size alone.
        aws.ecs().registerTaskDefinition(r -> r.family(family).networkMode("awsvpc")
                .requiresCompatibilities(Compatibility.FARGATE).cpu("512").memory("1024")
                .containerDefinitions(c -> c.name("notebook").image(image).memory(1024)
                        .command("jupyterhub-singleuser")));
        String fileSystem = aws.efs().createFileSystem(r -> r.creationToken("homes-" + id)).fileSystemId();
        return new UsersCluster(cluster, family, subnet, group, fileSystem);
    }
}
