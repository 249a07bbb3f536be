package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.EcrRepository;
import dev.hubwizard.aws.ExecutionRole;
import dev.hubwizard.aws.HubNetwork;
import dev.hubwizard.aws.RegistryCredentials;
import dev.hubwizard.aws.RegistryLogin;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.TaskDefinitionRevision;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Advanced;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.NetworkSettings;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.UserServers;
import dev.hubwizard.aws.AwsTexts;
import dev.hubwizard.aws.HubApiName;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each AWS step on its own against moto: what it creates, how it is tagged and journaled, and re-runs. */
@ExtendWith(EmptyAwsAccount.class)
class AwsStepsIT {

    private final AwsTestBed bed = new AwsTestBed();
    private final Profile profile = AwsTestBed.profile();
    private AwsClients aws;
    private JournalStore store;
    private Session session;

    @BeforeEach
    void emptyAccount(AwsClients clients) {
        aws = clients;
        store = JournalStore.inMemory();
        session = AwsTestBed.session(store);
    }

    private StepContext run(Step step) throws Exception {
        StepContext context = bed.context(session, step.id());
        step.run(context);
        return context;
    }

    private List<Intent> preview(Step step) throws Exception {
        return step.preview(bed.context(session, step.id()));
    }

    private List<ResourceRecord> journal(String kind) {
        return session.journal().ofKind(kind);
    }

    @Test
    void repositoryIsCreatedTaggedAndJournaledOnce() throws Exception {
        RepositoryStep step = new RepositoryStep(profile, aws);
        assertThat(preview(step)).extracting(Intent::action).containsExactly(Intent.Action.CREATE);

        StepContext context = run(step);
        run(step);

        EcrRepository repository = context.require(RepositoryStep.REPOSITORY);
        assertThat(repository.name()).isEqualTo("team-hub");
        assertThat(repository.uri()).endsWith("/team-hub");
        assertThat(aws.ecr().describeRepositories().repositories()).singleElement()
                .satisfies(r -> assertThat(r.imageScanningConfiguration().scanOnPush()).isTrue());
        assertThat(Tags.ecr(aws, repository.arn())).containsEntry("hubwizard:profile", "team-hub")
                .containsEntry("Name", "team-hub");
        assertThat(journal(ResourceKind.ECR_REPOSITORY)).singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(repository.arn()));
        assertThat(preview(step)).extracting(Intent::action).containsExactly(Intent.Action.REUSE);
    }

    @Test
    void newVpcHasTwoPublicSubnetsInTwoZonesRoutedToAnInternetGateway() throws Exception {
        NetworkStep step = new NetworkStep(profile, aws);
        assertThat(preview(step)).extracting(Intent::action).containsOnly(Intent.Action.CREATE).hasSize(6);

        HubNetwork network = run(step).require(NetworkStep.NETWORK);

        assertThat(aws.ec2().describeVpcAttribute(r -> r.vpcId(network.vpcId())
                .attribute("enableDnsHostnames")).enableDnsHostnames().value()).isTrue();
        List<Subnet> subnets = aws.ec2().describeSubnets(r -> r.subnetIds(network.subnetIds())).subnets();
        assertThat(subnets).hasSize(2).allSatisfy(s -> {
            assertThat(s.vpcId()).isEqualTo(network.vpcId());
            assertThat(s.mapPublicIpOnLaunch()).isTrue();
        });
        assertThat(subnets.stream().map(Subnet::availabilityZone).distinct()).hasSize(2);
        String gateway = aws.ec2().describeInternetGateways(r -> r.filters(Filter.builder()
                .name("attachment.vpc-id").values(network.vpcId()).build())).internetGateways().get(0)
                .internetGatewayId();
        RouteTable table = aws.ec2().describeRouteTables(r -> r.filters(Filter.builder().name("tag:Name")
                .values("team-hub-public").build())).routeTables().get(0);
        assertThat(table.routes()).anySatisfy(route -> {
            assertThat(route.destinationCidrBlock()).isEqualTo("0.0.0.0/0");
            assertThat(route.gatewayId()).isEqualTo(gateway);
        });
        assertThat(table.associations()).extracting(a -> a.subnetId())
                .containsExactlyInAnyOrderElementsOf(network.subnetIds());
        SecurityGroup group = securityGroup(network.securityGroupId());
        assertThat(group.vpcId()).isEqualTo(network.vpcId());
        assertThat(group.ipPermissions()).singleElement().satisfies(p -> {
            assertThat(p.ipProtocol()).isEqualTo("tcp");
            assertThat(p.fromPort()).isEqualTo(8000);
            assertThat(p.toPort()).isEqualTo(8000);
            assertThat(p.ipRanges()).extracting(r -> r.cidrIp()).containsExactly(AwsTestBed.CIDR);
        });

        for (String id : List.of(network.vpcId(), network.subnetIds().get(0), network.subnetIds().get(1), gateway,
                table.routeTableId(), network.securityGroupId())) {
            assertThat(Tags.ec2(aws, id)).as(id).containsEntry("hubwizard:profile", "team-hub").containsKey("Name");
        }
        assertThat(session.journal().all()).extracting(ResourceRecord::id).containsExactlyInAnyOrder(
                network.vpcId(), network.subnetIds().get(0), network.subnetIds().get(1), gateway,
                table.routeTableId(), network.securityGroupId());

        AwsCallRecorder.clear();
        assertThat(run(step).require(NetworkStep.NETWORK)).isEqualTo(network);
        assertThat(AwsCallRecorder.changingCalls()).isEmpty();
        assertThat(preview(step)).extracting(Intent::action).containsOnly(Intent.Action.REUSE);
    }

    @Test
    void changedAddressRangeMovesTheHubPortToIt() throws Exception {
        HubNetwork network = run(new NetworkStep(profile, aws)).require(NetworkStep.NETWORK);
        Profile moved = profile.withNetwork(new NetworkSettings(NetworkMode.NEW_VPC, "", List.of(), "198.51.100.7/32"));
        NetworkStep step = new NetworkStep(moved, aws);

        assertThat(preview(step)).filteredOn(i -> i.kind().equals("security group"))
                .extracting(Intent::action).containsExactly(Intent.Action.CHANGE);
        run(step);

        assertThat(securityGroup(network.securityGroupId()).ipPermissions()).singleElement()
                .satisfies(p -> assertThat(p.ipRanges()).extracting(r -> r.cidrIp())
                        .containsExactly("198.51.100.7/32"));
    }

    @Test
    void defaultVpcModeCreatesOnlyTheSecurityGroup() throws Exception {
        Profile onDefault = profile.withNetwork(
                new NetworkSettings(NetworkMode.DEFAULT_VPC, "", List.of(), AwsTestBed.CIDR));

        HubNetwork network = run(new NetworkStep(onDefault, aws)).require(NetworkStep.NETWORK);

        String defaultVpc = aws.ec2().describeVpcs(r -> r.filters(Filter.builder().name("is-default")
                .values("true").build())).vpcs().get(0).vpcId();
        assertThat(network.vpcId()).isEqualTo(defaultVpc);
        assertThat(network.subnetIds()).isNotEmpty();
        assertThat(session.journal().all()).extracting(ResourceRecord::kind)
                .containsExactly(ResourceKind.SECURITY_GROUP);
    }

    @Test
    void existingVpcModeUsesPublicSubnetsAndRefusesPrivateOnes() throws Exception {
        // Someone's own VPC: one public subnet (routed to an internet gateway) and one private.
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        String publicSubnet = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.0.0/24")).subnet().subnetId();
        String privateSubnet = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24")).subnet()
                .subnetId();
        String gateway = aws.ec2().createInternetGateway().internetGateway().internetGatewayId();
        aws.ec2().attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(gateway));
        String table = aws.ec2().createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        aws.ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").gatewayId(gateway));
        aws.ec2().associateRouteTable(r -> r.routeTableId(table).subnetId(publicSubnet));

        HubNetwork network = run(new NetworkStep(profile.withNetwork(new NetworkSettings(NetworkMode.EXISTING_VPC,
                vpc, List.of(publicSubnet), AwsTestBed.CIDR)), aws)).require(NetworkStep.NETWORK);
        assertThat(network.vpcId()).isEqualTo(vpc);
        assertThat(network.subnetIds()).containsExactly(publicSubnet);
        assertThat(securityGroup(network.securityGroupId()).vpcId()).isEqualTo(vpc);

        NetworkStep wrong = new NetworkStep(profile.withNetwork(new NetworkSettings(NetworkMode.EXISTING_VPC, vpc,
                List.of(privateSubnet), AwsTestBed.CIDR)), aws);
        assertThatThrownBy(() -> run(wrong)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().what()).contains(privateSubnet).contains("not public"));
    }

    @Test
    void theHubsPrivateNameNeedsAVpcThatAnswersPrivateNames() throws Exception {
        // Someone's own VPC, as EC2 makes it: DNS resolution on, DNS host names off.
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
        String subnet = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.2.0.0/24")).subnet().subnetId();
        String gateway = aws.ec2().createInternetGateway().internetGateway().internetGatewayId();
        aws.ec2().attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(gateway));
        String table = aws.ec2().createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        aws.ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").gatewayId(gateway));
        aws.ec2().associateRouteTable(r -> r.routeTableId(table).subnetId(subnet));
        Profile theirs = profile.withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE))
                .withNetwork(new NetworkSettings(NetworkMode.EXISTING_VPC, vpc, List.of(subnet), AwsTestBed.CIDR));
        run(new NetworkStep(theirs, aws));

        assertThatThrownBy(() -> run(new HubApiNameStep(theirs, aws))).as("their VPC's settings are theirs to change")
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().next())
                        .contains(vpc).contains("Enable DNS hostnames"));
        assertThat(aws.route53().listHostedZones().hostedZones()).isEmpty();

        aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
        HubApiName name = run(new HubApiNameStep(theirs, aws)).require(HubApiNameStep.NAME);
        assertThat(name.name()).isEqualTo(new AwsTexts(theirs.name()).hubApiName());
        assertThat(aws.route53().getHostedZone(r -> r.id(name.zoneId())).vpCs()).singleElement()
                .satisfies(v -> assertThat(v.vpcId()).isEqualTo(vpc));
        assertThat(journal(ResourceKind.PRIVATE_ZONE)).singleElement()
                .satisfies(r -> assertThat(r.attribute("vpc")).isEqualTo(vpc));
        assertThat(run(new HubApiNameStep(theirs, aws)).require(HubApiNameStep.NAME)).as("found again, not made again")
                .isEqualTo(name);
        assertThat(aws.route53().listHostedZones().hostedZones()).hasSize(1);
    }

    @Test
    void theProfilesOwnVpcGetsItsDnsTurnedOnForTheHubsPrivateName() throws Exception {
        Profile fargate = profile.withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE));
        String vpc = run(new NetworkStep(fargate, aws)).require(NetworkStep.NETWORK).vpcId();
        aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(false)));

        run(new HubApiNameStep(fargate, aws));

        assertThat(aws.ec2().describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsHostnames"))
                .enableDnsHostnames().value()).isTrue();
        assertThat(journal(ResourceKind.PRIVATE_ZONE)).hasSize(1);
    }

    @Test
    void clusterIsCreatedTaggedAndJournaledOnce() throws Exception {
        ClusterStep step = new ClusterStep(profile, aws);
        run(step);
        String arn = run(step).require(ClusterStep.CLUSTER).arn();

        assertThat(aws.ecs().listClusters().clusterArns()).containsExactly(arn);
        assertThat(Tags.ecs(aws, arn)).containsEntry("hubwizard:profile", "team-hub");
        assertThat(journal(ResourceKind.ECS_CLUSTER)).extracting(ResourceRecord::id).containsExactly(arn);
    }

    @Test
    void executionRoleIsCreatedWithTrustAndManagedPolicy() throws Exception {
        ExecutionRoleStep step = new ExecutionRoleStep(profile, aws);
        assertThat(preview(step)).extracting(Intent::action).containsExactly(Intent.Action.CREATE);

        ExecutionRole role = run(step).require(ExecutionRoleStep.ROLE);
        run(step);

        assertThat(role.name()).isEqualTo("ecsTaskExecutionRole");
        assertThat(role.createdByThisProfile()).isTrue();
        String trust = URLDecoder.decode(aws.iam().getRole(r -> r.roleName(role.name())).role()
                .assumeRolePolicyDocument(), StandardCharsets.UTF_8);
        assertThat(trust).contains("ecs-tasks.amazonaws.com").contains("sts:AssumeRole");
        assertThat(aws.iam().listAttachedRolePolicies(r -> r.roleName(role.name())).attachedPolicies())
                .extracting(p -> p.policyArn())
                .containsExactly("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
        assertThat(Tags.role(aws, role.name())).containsEntry("hubwizard:profile", "team-hub");
        assertThat(journal(ResourceKind.IAM_ROLE)).extracting(ResourceRecord::id).containsExactly(role.arn());
    }

    @Test
    void anAccountsOwnExecutionRoleIsReusedButNeverJournaled() throws Exception {
        // The role the ECS console creates: no profile tag, and (here) missing its policy.
        aws.iam().createRole(r -> r.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        ExecutionRoleStep step = new ExecutionRoleStep(profile, aws);
        assertThat(preview(step)).extracting(Intent::action).containsExactly(Intent.Action.CHANGE);

        ExecutionRole role = run(step).require(ExecutionRoleStep.ROLE);

        assertThat(role.createdByThisProfile()).isFalse();
        assertThat(journal(ResourceKind.IAM_ROLE)).isEmpty();
        assertThat(aws.iam().listAttachedRolePolicies(r -> r.roleName(role.name())).attachedPolicies())
                .hasSize(1);
        assertThat(aws.iam().listRoles().roles()).hasSize(1);
    }

    @Test
    void logGroupKeepsLogsForTheProfilesRetention() throws Exception {
        Profile keepAWeek = profile.withAdvanced(new Advanced("", 7, ""));
        LogGroupStep step = new LogGroupStep(keepAWeek, aws);
        run(step);
        run(step);

        assertThat(aws.logs().describeLogGroups().logGroups()).singleElement().satisfies(g -> {
            assertThat(g.logGroupName()).isEqualTo("/ecs/team-hub");
            assertThat(g.retentionInDays()).isEqualTo(7);
            assertThat(Tags.logGroup(aws, g.logGroupArn())).containsEntry("hubwizard:profile", "team-hub");
        });
        assertThat(journal(ResourceKind.LOG_GROUP)).extracting(ResourceRecord::id).containsExactly("/ecs/team-hub");
    }

    @Test
    void taskDefinitionIsRegisteredOnlyWhenItChanges() throws Exception {
        run(new ExecutionRoleStep(profile, aws));
        run(new LogGroupStep(profile, aws));
        run(new LiveUsersStep(profile, aws));
        session.values().put(PushStep.PUSHED_IMAGE, new PushedImage("registry.example/team-hub:1", "sha256:a"));

        TaskDefinitionRevision first = run(new TaskDefinitionStep(profile, aws))
                .require(TaskDefinitionStep.TASK_DEFINITION);
        TaskDefinitionRevision again = run(new TaskDefinitionStep(profile, aws))
                .require(TaskDefinitionStep.TASK_DEFINITION);
        assertThat(again).isEqualTo(first);
        assertThat(preview(new TaskDefinitionStep(profile, aws))).extracting(Intent::action)
                .containsExactly(Intent.Action.REUSE);

        TaskDefinition td = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(first.arn())).taskDefinition();
        assertThat(td.requiresCompatibilitiesAsStrings()).containsExactly("FARGATE");
        assertThat(td.networkModeAsString()).isEqualTo("awsvpc");
        assertThat(td.cpu()).isEqualTo("1024");
        assertThat(td.memory()).isEqualTo("2048");
        assertThat(td.executionRoleArn()).endsWith(":role/ecsTaskExecutionRole");
        assertThat(td.runtimePlatform().cpuArchitecture()).isEqualTo(CPUArchitecture.X86_64);
        ContainerDefinition hub = td.containerDefinitions().get(0);
        assertThat(hub.image()).isEqualTo("registry.example/team-hub:1");
        assertThat(hub.portMappings()).extracting(p -> p.containerPort()).containsExactly(8000);
        assertThat(hub.logConfiguration().options()).containsEntry("awslogs-group", "/ecs/team-hub")
                .containsEntry("awslogs-region", "us-east-1").containsEntry("awslogs-stream-prefix", "hub");
        assertThat(hub.environment()).extracting(e -> e.name() + "=" + e.value())
                .containsExactlyInAnyOrder("HUB_SIGN_IN=first-use", "HUB_USERS_PARAMETER=/hubwizard/team-hub/users",
                        "HUB_USERS_STATUS_PARAMETER=/hubwizard/team-hub/users-picked-up");
        assertThat(td.taskRoleArn()).endsWith(":role/hubwizard-team-hub-task");

        Profile bigger = profile.withTask(new TaskSize(2048, 4096, Architecture.ARM64));
        assertThat(preview(new TaskDefinitionStep(bigger, aws))).singleElement().satisfies(i -> {
            assertThat(i.action()).isEqualTo(Intent.Action.CHANGE);
            assertThat(i.detail()).contains("CPU units 1024 -> 2048").contains("X86_64 -> ARM64");
        });
        TaskDefinitionRevision second = run(new TaskDefinitionStep(bigger, aws))
                .require(TaskDefinitionStep.TASK_DEFINITION);
        assertThat(second.revision()).isEqualTo(first.revision() + 1);
        assertThat(aws.ecs().describeTaskDefinition(r -> r.taskDefinition(second.arn())).taskDefinition()
                .runtimePlatform().cpuArchitecture()).isEqualTo(CPUArchitecture.ARM64);
        assertThat(run(new TaskDefinitionStep(bigger, aws)).require(TaskDefinitionStep.TASK_DEFINITION))
                .isEqualTo(second);
        assertThat(aws.ecs().listTaskDefinitions().taskDefinitionArns()).hasSize(2);
        assertThat(journal(ResourceKind.TASK_DEFINITION)).extracting(ResourceRecord::id)
                .containsExactly(first.arn(), second.arn());
    }

    @Test
    void serviceIsCreatedThenUpdatedOnlyForANewRevisionOrANewImage() throws Exception {
        assertThat(bed.run(bed.plan(profile, aws), session).succeeded()).as(bed.logText()).isTrue();
        String cluster = profile.names().cluster();
        Service created = service(cluster);
        assertThat(created.desiredCount()).isEqualTo(1);
        assertThat(created.launchTypeAsString()).isEqualTo("FARGATE");
        HubNetwork network = session.values().require(NetworkStep.NETWORK);
        assertThat(created.networkConfiguration().awsvpcConfiguration().assignPublicIp())
                .isEqualTo(AssignPublicIp.ENABLED);
        assertThat(created.networkConfiguration().awsvpcConfiguration().subnets())
                .containsExactlyInAnyOrderElementsOf(network.subnetIds());
        assertThat(created.networkConfiguration().awsvpcConfiguration().securityGroups())
                .containsExactly(network.securityGroupId());
        assertThat(Tags.ecs(aws, created.serviceArn())).containsEntry("hubwizard:profile", "team-hub");
        assertThat(journal(ResourceKind.ECS_SERVICE)).singleElement()
                .satisfies(r -> assertThat(r.attribute("imageDigest")).isEqualTo(bed.digest.get()));
        String deployment = created.deployments().get(0).id();

        // The same tag pushed again with new content: same revision, but a new deployment must pull it.
        bed.digest.set("sha256:" + "2".repeat(64));
        AwsCallRecorder.clear();
        assertThat(bed.run(bed.plan(profile, aws), session).succeeded()).as(bed.logText()).isTrue();
        assertThat(AwsCallRecorder.changingCalls()).containsExactly("Ecs.UpdateService");
        Service forced = service(cluster);
        assertThat(forced.taskDefinition()).isEqualTo(created.taskDefinition());
        assertThat(forced.deployments().get(0).id()).isNotEqualTo(deployment);
        assertThat(journal(ResourceKind.ECS_SERVICE)).singleElement()
                .satisfies(r -> assertThat(r.attribute("imageDigest")).isEqualTo(bed.digest.get()));

        // A new tag: a new revision, and the service moves to it.
        bed.tag.set("2");
        AwsCallRecorder.clear();
        assertThat(bed.run(bed.plan(profile, aws), session).succeeded()).as(bed.logText()).isTrue();
        assertThat(AwsCallRecorder.changingCalls()).containsExactly("Ecs.RegisterTaskDefinition",
                "Ecs.UpdateService");
        assertThat(service(cluster).taskDefinition()).endsWith("team-hub:2");
        assertThat(aws.ecs().listServices(r -> r.cluster(cluster)).serviceArns()).hasSize(1);
    }

    @Test
    void registryLoginHonoursTheEndpointOverrideAndHidesThePassword() throws Exception {
        StepContext context = bed.context(session, PushStep.ID);
        RegistryCredentials ecr = new RegistryLogin(aws).login(context, "");
        assertThat(ecr.host()).isEqualTo(MotoServer.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com");
        assertThat(ecr.username()).isEqualTo("AWS");

        RegistryCredentials mirror = new RegistryLogin(aws).login(context, "http://127.0.0.1:5000");
        assertThat(mirror.host()).isEqualTo("127.0.0.1:5000");
        assertThat(mirror.password()).isEqualTo(ecr.password());
        assertThat(mirror.toString()).doesNotContain(mirror.password());

        context.log().info("a careless line with " + mirror.password());
        assertThat(bed.logText()).doesNotContain(mirror.password()).contains("a careless line with ****");
    }

    @Test
    void thePlanPreviewOnlyReadsAndShowsCreateThenReuse() throws Exception {
        AwsCallRecorder.clear();
        List<Intent> before = previewAll();
        assertThat(AwsCallRecorder.changingCalls()).isEmpty();
        assertThat(before).filteredOn(i -> i.action() != Intent.Action.RUN).extracting(Intent::action)
                .containsOnly(Intent.Action.CREATE).hasSize(15);

        assertThat(bed.run(bed.plan(profile, aws), session).succeeded()).as(bed.logText()).isTrue();

        AwsCallRecorder.clear();
        List<Intent> after = previewAll();
        assertThat(AwsCallRecorder.changingCalls()).isEmpty();
        assertThat(after).filteredOn(i -> i.action() != Intent.Action.RUN).extracting(Intent::action)
                .containsOnly(Intent.Action.REUSE).hasSize(15);
    }

    private List<Intent> previewAll() throws Exception {
        List<Intent> intents = new java.util.ArrayList<>();
        for (Step step : bed.plan(profile, aws).steps()) {
            intents.addAll(preview(step));
        }
        return intents;
    }

    @Test
    void switchingToTheDefaultVpcGivesTheHubAGroupThere() throws Exception {
        HubNetwork own = run(new NetworkStep(profile, aws)).require(NetworkStep.NETWORK);
        Profile onDefault = profile.withNetwork(
                new NetworkSettings(NetworkMode.DEFAULT_VPC, "", List.of(), AwsTestBed.CIDR));

        HubNetwork moved = run(new NetworkStep(onDefault, aws)).require(NetworkStep.NETWORK);

        assertThat(moved.vpcId()).isNotEqualTo(own.vpcId());
        assertThat(moved.securityGroupId()).isNotEqualTo(own.securityGroupId());
        assertThat(securityGroup(moved.securityGroupId()).vpcId()).isEqualTo(moved.vpcId());
        assertThat(journal(ResourceKind.SECURITY_GROUP)).hasSize(2);
    }

    private Service service(String cluster) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(profile.names().service())).services()
                .get(0);
    }

    private SecurityGroup securityGroup(String id) {
        return aws.ec2().describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
    }
}
