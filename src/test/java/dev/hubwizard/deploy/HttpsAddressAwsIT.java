package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.DeletionWaits;
import dev.hubwizard.aws.PrefixLists;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.SecurityGroups;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.Plan;
import dev.hubwizard.engine.Preview;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.Step;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.EventType;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.Method;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS half of a hub with its HTTPS address on AWS (issue 18), against moto: the CloudFront distribution and how
 * it passes JupyterHub's traffic through, the task's port open to CloudFront's address list alone, the Lambda
 * function and EventBridge rule that follow the hub's tasks, Cognito calling back the AWS address; a second run that
 * changes nothing; a run killed after any step that ends without duplicates; a teardown that removes all of it.
 * {@link HttpsAddressIT} runs the whole deploy through the edge's stand-in.
 */
@ExtendWith(EmptyAwsAccount.class)
class HttpsAddressAwsIT {

    private static final DeletionWaits WAITS = new DeletionWaits(Duration.ofSeconds(5), Duration.ofMillis(200));

    private final AwsTestBed bed = new AwsTestBed();
    private AwsClients aws;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyAccount(AwsClients clients) {
        aws = clients;
    }

    /** A new hub as the start screen makes it: HTTPS on an AWS address, no load balancer. */
    static Profile awsAddress(Profile profile) {
        return profile.withOptions(Options.NEW_HUB);
    }

    /** The AWS steps of the deploy with the address, up to the service (the hub URL needs Fargate). */
    private List<Step> steps(Profile profile) {
        List<Step> steps = new ArrayList<>(bed.steps(profile, aws));
        steps.add(new DistributionStep(profile, aws));
        if (profile.options().stableAddress()) {
            steps.add(new LoadBalancerStep(profile, aws));
            steps.add(new ListenersStep(profile, aws));
        } else {
            steps.add(new OriginUpdaterStep(profile, aws));
        }
        if (profile.hub().signIn() == SignIn.COGNITO) {
            steps.add(new CognitoStep(profile, aws));
        }
        return steps;
    }

    private RunResult deploy(Profile profile, JournalStore store) {
        return bed.run(new Plan("deploy", steps(profile)), AwsTestBed.session(store));
    }

    @Test
    void theAddressIsCloudFrontsAndOnlyCloudFrontReachesTheTask() throws Exception {
        Profile profile = awsAddress(AwsTestBed.profile());
        JournalStore store = new FileJournalStore(dir.resolve("journal"));

        RunResult first = deploy(profile, store);

        assertThat(first.succeeded()).as(bed.failures(first)).isTrue();
        Map<String, List<ResourceRecord>> recorded = store.load().stream()
                .collect(Collectors.groupingBy(ResourceRecord::kind));
        ResourceRecord distribution = only(recorded, ResourceKind.DISTRIBUTION);
        assertThat(distribution.attribute("domainName")).endsWith(".cloudfront.net");
        for (ResourceRecord record : store.load()) {
            if (!Tags.UNTAGGABLE.contains(record.kind())) {
                assertThat(Tags.of(aws, record)).as(record.kind() + " " + record.id())
                        .containsEntry("hubwizard:profile", profile.name());
            }
        }

        // HTTPS with AWS's certificate, plain HTTP sent there; nothing cached; everything JupyterHub needs passed.
        DistributionConfig config = aws.cloudFront().getDistributionConfig(r -> r.id(distribution.id()))
                .distributionConfig();
        assertThat(config.enabled()).isTrue();
        assertThat(config.comment()).isEqualTo("HTTPS address of the Hub Wizard hub team-hub");
        assertThat(config.viewerCertificate().cloudFrontDefaultCertificate()).isTrue();
        var behavior = config.defaultCacheBehavior();
        assertThat(behavior.viewerProtocolPolicyAsString()).isEqualTo("redirect-to-https");
        assertThat(behavior.cachePolicyId()).as("CachingDisabled").isEqualTo("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
        assertThat(behavior.originRequestPolicyId()).as("AllViewer").isEqualTo("216adef6-5c7f-47e4-b989-5492eafa07d3");
        assertThat(behavior.allowedMethods().items()).containsExactlyInAnyOrder(Method.GET, Method.HEAD,
                Method.OPTIONS, Method.PUT, Method.PATCH, Method.POST, Method.DELETE);
        var origin = config.origins().items().get(0);
        assertThat(origin.domainName()).as("no task yet: a name that never resolves")
                .isEqualTo("hub-not-started.invalid");
        assertThat(origin.customOriginConfig().httpPort()).isEqualTo(8000);
        assertThat(origin.customOriginConfig().originProtocolPolicyAsString()).isEqualTo("http-only");
        assertThat(origin.customOriginConfig().originReadTimeout()).isEqualTo(60);
        assertThat(origin.customOriginConfig().originKeepaliveTimeout()).isEqualTo(60);

        // The task's port is open to CloudFront's addresses, not to the internet and not to the profile's range.
        String cloudFront = aws.ec2().describeManagedPrefixLists(r -> r.filters(Filter.builder()
                .name("prefix-list-name").values(PrefixLists.CLOUDFRONT_ORIGIN_FACING).build())).prefixLists().get(0)
                .prefixListId();
        assertThat(sources(only(recorded, ResourceKind.SECURITY_GROUP).id(), SecurityGroups.HUB_PORT))
                .containsExactly(cloudFront);

        // The profile's range ("who may reach the hub") is kept at the edge instead: a published CloudFront
        // function on every viewer request, and no IPv6 (an IPv6 viewer could never be in an IPv4 range).
        ResourceRecord viewers = only(recorded, ResourceKind.VIEWER_FUNCTION);
        assertThat(viewers.id()).isEqualTo("hubwizard-team-hub-viewers");
        var live = aws.cloudFront().describeFunction(r -> r.name(viewers.id()).stage(FunctionStage.LIVE))
                .functionSummary();
        assertThat(live.functionConfig().runtimeAsString()).isEqualTo("cloudfront-js-2.0");
        assertThat(live.functionConfig().comment()).isEqualTo("Who may reach the hub of Hub Wizard profile team-hub");
        assertThat(aws.cloudFront().getFunction(r -> r.name(viewers.id()).stage(FunctionStage.LIVE)).functionCode()
                .asUtf8String()).contains("var ALLOWED = [\"" + AwsTestBed.CIDR + "\"];");
        assertThat(behavior.functionAssociations().items()).singleElement().satisfies(f -> {
            assertThat(f.eventType()).isEqualTo(EventType.VIEWER_REQUEST);
            assertThat(f.functionARN()).isEqualTo(live.functionMetadata().functionARN());
        });
        assertThat(config.isIPV6Enabled()).isFalse();

        // What follows the task: a rule on the service's RUNNING tasks, running a function allowed just that.
        FunctionConfiguration function = aws.lambda().getFunction(r -> r.functionName("hubwizard-team-hub-origin"))
                .configuration();
        assertThat(function.handler()).isEqualTo("origin_updater.handler");
        assertThat(function.environment().variables()).containsEntry("DISTRIBUTION_ID", distribution.id())
                .containsEntry("ORIGIN_ID", "hub");
        assertThat(function.role()).isEqualTo(only(recorded, ResourceKind.ORIGIN_UPDATER_ROLE).id());
        String policy = URLDecoder.decode(aws.iam().getRolePolicy(r -> r.roleName("hubwizard-team-hub-origin")
                .policyName("update-hub-origin")).policyDocument(), StandardCharsets.UTF_8);
        assertThat(policy).contains("\"" + distribution.attribute("arn") + "\"")
                .contains("cloudfront:UpdateDistribution").contains("ec2:DescribeNetworkInterfaces")
                .contains(":log-group:/aws/lambda/hubwizard-team-hub-origin:*")
                .doesNotContain("\"cloudfront:*\"").doesNotContain("\"Resource\":\"*\",\"Effect\"");
        String clusterArn = aws.ecs().describeClusters(r -> r.clusters("team-hub-cluster")).clusters().get(0)
                .clusterArn();
        String pattern = aws.eventBridge().describeRule(r -> r.name("hubwizard-team-hub-task-running")).eventPattern();
        assertThat(pattern).contains(clusterArn).contains("service:team-hub-service").contains("RUNNING")
                .contains("ECS Task State Change");
        assertThat(aws.eventBridge().listTargetsByRule(r -> r.rule("hubwizard-team-hub-task-running")).targets())
                .singleElement().satisfies(t -> assertThat(t.arn()).isEqualTo(function.functionArn()));
        assertThat(aws.lambda().getPolicy(r -> r.functionName(function.functionName())).policy())
                .contains("events.amazonaws.com").contains("hubwizard-team-hub-task-running");
        assertThat(recorded.get(ResourceKind.LOG_GROUP)).extracting(ResourceRecord::id)
                .contains("/aws/lambda/hubwizard-team-hub-origin");

        Map<String, List<String>> before = Inventory.teamIds(aws);
        AwsCallRecorder.clear();
        RunResult second = deploy(profile, store);

        assertThat(second.succeeded()).as(bed.failures(second)).isTrue();
        assertThat(AwsCallRecorder.changingCalls()).as("a redeploy with nothing changed only reads").isEmpty();
        assertThat(Inventory.teamIds(aws)).isEqualTo(before);
    }

    @Test
    void behindALoadBalancerCloudFrontReachesItAloneAndNothingFollowsTheTask() throws Exception {
        Profile profile = AwsTestBed.profile().withOptions(new Options(true, "", false, true));
        JournalStore store = new FileJournalStore(dir.resolve("journal"));

        RunResult result = deploy(profile, store);

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        Map<String, List<ResourceRecord>> recorded = store.load().stream()
                .collect(Collectors.groupingBy(ResourceRecord::kind));
        String balancer = aws.elbv2().describeLoadBalancers().loadBalancers().get(0).dnsName();
        var origin = aws.cloudFront().getDistributionConfig(r -> r.id(only(recorded, ResourceKind.DISTRIBUTION).id()))
                .distributionConfig().origins().items().get(0);
        assertThat(origin.domainName()).isEqualTo(balancer);
        assertThat(origin.customOriginConfig().httpPort()).isEqualTo(80);
        String balancerGroup = only(recorded, ResourceKind.LOAD_BALANCER_SECURITY_GROUP).id();
        assertThat(sources(balancerGroup, 80)).singleElement().asString().startsWith("pl-");
        assertThat(sources(balancerGroup, 443)).isEmpty();
        assertThat(sources(only(recorded, ResourceKind.SECURITY_GROUP).id(), 8000)).containsExactly(balancerGroup);
        assertThat(recorded).doesNotContainKeys(ResourceKind.LAMBDA_FUNCTION, ResourceKind.EVENT_RULE,
                ResourceKind.ORIGIN_UPDATER_ROLE);
        assertThat(bed.logText()).doesNotContain("unencrypted")
                .contains("The load balancer speaks plain HTTP on port 80 to CloudFront alone");
    }

    @Test
    void cognitoCallsBackTheAwsAddress() throws Exception {
        HubSettings hub = AwsTestBed.profile().hub();
        Profile profile = awsAddress(AwsTestBed.profile()).withHub(new HubSettings(hub.imageFolder(), hub.admins(),
                hub.allowedUsers(), SignIn.COGNITO, new CognitoSettings(TeamOptions.USER_POOL,
                TeamOptions.DOMAIN_PREFIX), hub.localPort(), hub.hostNetwork()));
        JournalStore store = new FileJournalStore(dir.resolve("journal"));

        RunResult result = deploy(profile, store);

        assertThat(result.succeeded()).as(bed.failures(result)).isTrue();
        Map<String, List<ResourceRecord>> recorded = store.load().stream()
                .collect(Collectors.groupingBy(ResourceRecord::kind));
        String address = "https://" + only(recorded, ResourceKind.DISTRIBUTION).attribute("domainName");
        var client = aws.cognito().describeUserPoolClient(r -> r.userPoolId(only(recorded, ResourceKind.USER_POOL).id())
                .clientId(only(recorded, ResourceKind.USER_POOL_CLIENT).id())).userPoolClient();
        assertThat(client.callbackURLs()).containsExactly(address + "/hub/oauth_callback");
        assertThat(client.logoutURLs()).containsExactly(address + "/");
        Service service = aws.ecs().describeServices(r -> r.cluster("team-hub-cluster").services("team-hub-service"))
                .services().get(0);
        Map<String, String> environment = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(service
                        .taskDefinition())).taskDefinition().containerDefinitions().get(0).environment().stream()
                .collect(Collectors.toMap(e -> e.name(), e -> e.value()));
        assertThat(environment).containsEntry("HUB_CALLBACK_URL", address + "/hub/oauth_callback");
    }

    @Test
    void thePlanPageListsWhatTheAddressCreatesThenReuses() {
        Profile profile = awsAddress(AwsTestBed.profile());
        JournalStore store = new FileJournalStore(dir.resolve("journal"));

        List<Intent> before = intents(profile, store);
        assertThat(deploy(profile, store).succeeded()).isTrue();
        List<Intent> after = intents(profile, store);

        for (String kind : List.of("CloudFront distribution", "CloudFront function", "Lambda function",
                "EventBridge rule")) {
            assertThat(before).as(kind).filteredOn(i -> i.kind().equals(kind)).singleElement()
                    .satisfies(i -> assertThat(i.action()).isEqualTo(Intent.Action.CREATE));
            assertThat(after).as(kind).filteredOn(i -> i.kind().equals(kind)).singleElement()
                    .satisfies(i -> assertThat(i.action()).isEqualTo(Intent.Action.REUSE));
        }
        assertThat(after).filteredOn(i -> i.kind().equals("CloudFront distribution")).singleElement()
                .satisfies(i -> assertThat(i.name()).startsWith("https://").endsWith(".cloudfront.net/"));
        assertThat(before).filteredOn(i -> i.name().equals("team-hub-sg")).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("open to CloudFront only"));
    }

    private List<Intent> intents(Profile profile, JournalStore store) {
        return Preview.of(new Plan("deploy", steps(profile)), AwsTestBed.session(store),
                new dev.hubwizard.engine.RunListener() {
                }).stream().flatMap(p -> {
                    assertThat(p.problem()).as(p.stepId()).isNull();
                    return p.intents().stream();
                }).toList();
    }

    @Test
    void aRunKilledAfterAnyStepEndsWithoutDuplicates() throws Exception {
        Profile profile = awsAddress(AwsTestBed.profile());
        List<String> order = new Plan("deploy", steps(profile)).steps().stream().map(Step::id).toList();
        for (int n = 1; n < order.size(); n++) {
            MotoServer.shared().reset();
            JournalStore store = new FileJournalStore(dir.resolve("journal-" + n));
            List<String> done = order.subList(0, n);
            RunResult killed = bed.run(new Plan("deploy", steps(profile)).only(done), AwsTestBed.session(store));
            assertThat(killed.succeeded()).as("first " + done + "\n" + bed.failures(killed)).isTrue();

            RunResult rest = deploy(profile, store);

            assertThat(rest.succeeded()).as("after " + done + "\n" + bed.failures(rest)).isTrue();
            Map<String, List<String>> team = Inventory.teamIds(aws);
            assertThat(team.get("cloudfront-distribution")).as("after " + done).hasSize(1);
            assertThat(team.get("lambda-function")).as("after " + done).hasSize(1);
            assertThat(team.get("cloudfront-function")).as("after " + done).hasSize(1);
            assertThat(team.get("eventbridge-rule")).as("after " + done).hasSize(1);
            assertThat(Inventory.ids(aws).get("iam-role")).as("after " + done)
                    .filteredOn(name -> name.endsWith("-origin")).hasSize(1);
        }
    }

    @Test
    void teardownRemovesTheAddressAndWhatFollowedTheTask() throws Exception {
        Profile profile = awsAddress(AwsTestBed.profile());
        JournalStore store = new FileJournalStore(dir.resolve("journal"));
        assertThat(deploy(profile, store).succeeded()).isTrue();
        String distribution = store.load().stream().filter(r -> r.kind().equals(ResourceKind.DISTRIBUTION))
                .findFirst().orElseThrow().id();

        List<Intent> preview = TeardownPlan.preview(TeardownPlan.create(profile, aws,
                TeardownChoices.DELETE_EVERYTHING, WAITS), AwsTestBed.session(store));
        assertThat(preview).filteredOn(i -> i.kind().equals("CloudFront distribution")).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("disabled, then deleted"));

        RunResult tornDown = bed.run(TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS),
                AwsTestBed.session(store));

        assertThat(tornDown.succeeded()).as(bed.failures(tornDown)).isTrue();
        assertThat(store.load()).isEmpty();
        assertThat(Inventory.teamIds(aws)).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
        assertThat(Inventory.ids(aws)).allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
        assertThat(bed.logText()).contains("Disabled CloudFront distribution " + distribution)
                .contains("Deleted CloudFront distribution " + distribution)
                .contains("Deleted CloudFront function hubwizard-team-hub-viewers");
    }

    @Test
    void aTeardownKilledAfterAnyStepFinishesWhenRunAgain() throws Exception {
        Profile profile = awsAddress(AwsTestBed.profile());
        List<String> order = TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS).steps()
                .stream().map(Step::id).toList();
        // Killed after each step of the address (TeardownIT kills after every other step): the run resumes there.
        List<Integer> kills = Stream.of(TeardownPlan.EVENT_RULES, TeardownPlan.LAMBDA_FUNCTIONS,
                TeardownPlan.ORIGIN_UPDATER_ROLES, TeardownPlan.DISTRIBUTIONS, TeardownPlan.VIEWER_FUNCTIONS)
                .map(id -> order.indexOf(id) + 1).toList();
        assertThat(kills).doesNotContain(0);
        for (int n : kills) {
            MotoServer.shared().reset();
            JournalStore store = new FileJournalStore(dir.resolve("teardown-" + n));
            assertThat(deploy(profile, store).succeeded()).isTrue();
            List<String> done = order.subList(0, n);
            RunResult killed = bed.run(TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS)
                    .only(done), AwsTestBed.session(store));
            assertThat(killed.succeeded()).as("first " + done + "\n" + bed.failures(killed)).isTrue();

            // A new app start: nothing in memory, only the journal on disk.
            RunResult rest = bed.run(TeardownPlan.create(profile, aws, TeardownChoices.DELETE_EVERYTHING, WAITS),
                    AwsTestBed.session(store));

            assertThat(rest.succeeded()).as("after " + done + "\n" + bed.failures(rest)).isTrue();
            assertThat(store.load()).as("after " + done).isEmpty();
            assertThat(Inventory.teamIds(aws)).as("after " + done)
                    .allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
            assertThat(Inventory.ids(aws)).as("after " + done)
                    .allSatisfy((kind, ids) -> assertThat(ids).as(kind).isEmpty());
        }
    }

    private static ResourceRecord only(Map<String, List<ResourceRecord>> recorded, String kind) {
        assertThat(recorded.get(kind)).as(kind).hasSize(1);
        return recorded.get(kind).get(0);
    }

    private List<String> sources(String groupId, int port) {
        SecurityGroup group = aws.ec2().describeSecurityGroups(r -> r.filters(Filter.builder().name("group-id")
                .values(groupId).build())).securityGroups().get(0);
        return SecurityGroups.ingress(group, Set.of(port)).stream().map(SecurityGroups.Ingress::source).toList();
    }
}
