package dev.hubwizard.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule with a case that fails it and one that passes. */
class ProfileValidatorTest {

    private static final Profile VALID = TestProfiles.simple("team");

    private static List<FieldProblem> problemsOf(Profile profile) {
        return ProfileValidator.validate(profile);
    }

    @Test
    void aSimpleAndAFullProfileAreValid() {
        assertThat(problemsOf(VALID)).isEmpty();
        assertThat(problemsOf(TestProfiles.full("team"))).isEmpty();
    }

    @Test
    void profileName() {
        assertThat(ProfileValidator.profileName("team-hub_2")).isEmpty();
        assertThat(ProfileValidator.profileName("x".repeat(64))).isEmpty();
        assertThat(ProfileValidator.profileName("x".repeat(65))).contains("a profile name has at most 64 characters");
        assertThat(ProfileValidator.profileName("")).contains("the profile needs a name");
        assertThat(ProfileValidator.profileName("my team")).get().asString().contains("letters, digits, '-' and '_'");
        assertThat(ProfileValidator.profileName("../x")).isPresent();
        assertThat(ProfileValidator.profileName("NUL")).get().asString().contains("device name on Windows");
    }

    @Test
    void profileNamesThatWouldNameResourcesAwsRefusesSayWhatToChoose() {
        assertThat(ProfileValidator.profileName("sg-hub")).get().asString().contains("may not start with 'sg-'")
                .contains("security groups").contains("'hub-hub'");
        assertThat(ProfileValidator.profileName("SG_team")).get().asString().contains("may not start with 'SG_'");
        assertThat(ProfileValidator.profileName("internal-tools")).get().asString()
                .contains("may not start with 'internal-'").contains("internal load balancers").contains("'hub-tools'");
        assertThat(ProfileValidator.profileName("Internal_tools")).isPresent();
        assertThat(ProfileValidator.profileName("hub-sg")).isEmpty();
        assertThat(ProfileValidator.profileName("sgteam")).isEmpty();
        assertThat(ProfileValidator.profileName("internal")).isEmpty();
        assertThat(problemsOf(VALID.withName("a.b"))).extracting(FieldProblem::field).containsExactly("name");
    }

    @Test
    void awsProfileName() {
        assertThat(ProfileValidator.awsProfileName("")).isEmpty();
        assertThat(ProfileValidator.awsProfileName("work-sso")).isEmpty();
        assertThat(ProfileValidator.awsProfileName("AKIAIOSFODNN7EXAMPLE")).get().asString()
                .contains("looks like an access key");
        assertThat(ProfileValidator.awsProfileName("my profile")).get().asString().contains("no spaces");
        assertThat(problemsOf(VALID.withAws(new AwsTarget("AKIAIOSFODNN7EXAMPLE", "us-east-1"))))
                .extracting(FieldProblem::field).containsExactly("aws.profile");
    }

    @Test
    void region() {
        for (String region : List.of("us-east-1", "eu-central-2", "us-gov-west-1", "ap-southeast-5", "cn-north-1")) {
            assertThat(ProfileValidator.region(region)).as(region).isEmpty();
        }
        assertThat(ProfileValidator.region("Frankfurt")).get().asString().contains("write it like us-east-1");
        assertThat(ProfileValidator.region("us-east")).isPresent();
        assertThat(ProfileValidator.region("eu-west-1a")).isPresent();
        assertThat(ProfileValidator.region("")).get().asString().contains("choose the AWS region");
        assertThat(problemsOf(VALID.withAws(new AwsTarget("", "")))).extracting(FieldProblem::field)
                .containsExactly("aws.region");
    }

    @Test
    void repositoryName() {
        for (String name : List.of("jupyterhub", "team/jupyterhub", "a.b_c-d/e", "ab")) {
            assertThat(ProfileValidator.repositoryName(name)).as(name).isEmpty();
        }
        assertThat(ProfileValidator.repositoryName("a")).contains("an ECR repository name has 2 to 256 characters");
        assertThat(ProfileValidator.repositoryName("a".repeat(257))).isPresent();
        assertThat(ProfileValidator.repositoryName("a".repeat(256))).isEmpty();
        for (String name : List.of("Team", "team--hub", "-team", "team/", "team//hub", "team hub")) {
            assertThat(ProfileValidator.repositoryName(name)).as(name).get().asString().contains("lower-case");
        }
        assertThat(problemsOf(VALID.withNames(new ResourceNames("Team", "c", "s", "f"))))
                .extracting(FieldProblem::field).containsExactly("names.repository");
    }

    @Test
    void ecsNames() {
        assertThat(ProfileValidator.clusterName("team_cluster-1")).isEmpty();
        assertThat(ProfileValidator.serviceName("S".repeat(255))).isEmpty();
        assertThat(ProfileValidator.serviceName("S".repeat(256))).get().asString().contains("at most 255");
        assertThat(ProfileValidator.clusterName("team.cluster")).get().asString().contains("letters, digits");
        assertThat(ProfileValidator.taskFamily("")).contains("a task definition family is required");
        assertThat(problemsOf(VALID.withNames(new ResourceNames("team", "a b", "s:1", "f/2"))))
                .extracting(FieldProblem::field).containsExactly("names.cluster", "names.service", "names.taskFamily");
    }

    @Test
    void taskSize() {
        assertThat(ProfileValidator.taskSize(1024, 2048)).isEmpty();
        assertThat(ProfileValidator.taskSize(256, 512)).isEmpty();
        assertThat(ProfileValidator.taskSize(1024, 1024)).get().asString().contains("With 1.0 vCPU Fargate allows");
        assertThat(ProfileValidator.taskSize(3000, 8192)).get().asString().contains("not one of them");
        assertThat(problemsOf(VALID.withTask(new TaskSize(1024, 100, Architecture.X86_64))))
                .extracting(FieldProblem::field).containsExactly("task.memory");
        assertThat(problemsOf(VALID.withTask(new TaskSize(3, 2048, Architecture.X86_64))))
                .extracting(FieldProblem::field).containsExactly("task.cpu");
    }

    @Test
    void ingressCidr() {
        for (String cidr : List.of("203.0.113.0/24", "203.0.113.7/32", "0.0.0.0/0", "10.0.0.0/8")) {
            assertThat(ProfileValidator.ingressCidr(cidr)).as(cidr).isEmpty();
        }
        assertThat(ProfileValidator.ingressCidr("203.0.113.7/24")).contains("'203.0.113.7/24' has host bits set:"
                + " write 203.0.113.0/24 for that network, or 203.0.113.7/32 for that one address");
        assertThat(ProfileValidator.ingressCidr("203.0.113.7")).contains("add the prefix length: 203.0.113.7/32"
                + " for that one address");
        assertThat(ProfileValidator.ingressCidr("256.1.1.1/32")).get().asString().contains("0 to 255");
        assertThat(ProfileValidator.ingressCidr("01.1.1.1/32")).get().asString().contains("leading zeros");
        assertThat(ProfileValidator.ingressCidr("1.1.1.1/33")).get().asString().contains("0 to 32");
        assertThat(ProfileValidator.ingressCidr("2001:db8::/32")).get().asString().contains("not an IPv4 range");
        assertThat(ProfileValidator.ingressCidr("")).get().asString().contains("say who may reach the hub");
        assertThat(problemsOf(VALID.withNetwork(new NetworkSettings(NetworkMode.NEW_VPC, "", List.of(), ""))))
                .extracting(FieldProblem::field).containsExactly("network.ingressCidr");
    }

    @Test
    void existingVpcNeedsAVpcAndSubnets() {
        Profile existing = VALID.withNetwork(new NetworkSettings(NetworkMode.EXISTING_VPC, "", List.of(),
                "203.0.113.0/24"));
        assertThat(problemsOf(existing)).extracting(FieldProblem::field)
                .containsExactly("network.vpcId", "network.subnetIds");
        assertThat(problemsOf(existing.withNetwork(new NetworkSettings(NetworkMode.EXISTING_VPC, "vpc-1234abcd",
                List.of("subnet-1234abcd"), "203.0.113.0/24")))).isEmpty();
        assertThat(ProfileValidator.vpcId("vpc-XYZ")).get().asString().contains("not a VPC id");
        assertThat(ProfileValidator.subnetIds(List.of("subnet-1234abcd", "sn-1"))).get().asString()
                .contains("not subnet ids: sn-1");
        // The ids matter only for an existing VPC.
        assertThat(problemsOf(VALID.withNetwork(new NetworkSettings(NetworkMode.NEW_VPC, "", List.of(),
                "203.0.113.0/24")))).isEmpty();
    }

    @Test
    void adminsAndAllowedUsers() {
        assertThat(ProfileValidator.admins(List.of("ana"))).isEmpty();
        assertThat(ProfileValidator.admins(List.of())).get().asString().contains("at least one admin");
        assertThat(ProfileValidator.admins(List.of("ana", "9lives"))).get().asString().contains("must start with a letter");
        assertThat(ProfileValidator.allowedUsers(List.of())).isEmpty();
        assertThat(ProfileValidator.allowedUsers(List.of("bo", "carl_x"))).isEmpty();
        assertThat(ProfileValidator.allowedUsers(List.of("Ana@Example.org"))).contains("write 'Ana@Example.org' as"
                + " 'ana_example_org', the form the hub uses (lower case, '@' and '.' become '_')");
        assertThat(ProfileValidator.userName("a b")).get().asString().contains("may only contain");
        Profile noAdmins = VALID.withHub(new HubSettings("hub-image", List.of(), List.of("bad name"),
                SignIn.FIRST_USE_PASSWORD, CognitoSettings.NONE, 8000, false));
        assertThat(problemsOf(noAdmins)).extracting(FieldProblem::field).containsExactly("hub.admins", "hub.allowedUsers");
    }

    @Test
    void localPort() {
        assertThat(ProfileValidator.localPort(1)).isEmpty();
        assertThat(ProfileValidator.localPort(65535)).isEmpty();
        assertThat(ProfileValidator.localPort(65536)).get().asString().contains("1 to 65535");
        assertThat(ProfileValidator.localPort(-1)).isPresent();
        HubSettings hub = VALID.hub();
        assertThat(problemsOf(VALID.withHub(new HubSettings(hub.imageFolder(), hub.admins(), hub.allowedUsers(),
                hub.signIn(), hub.cognito(), 70000, false)))).extracting(FieldProblem::field)
                .containsExactly("hub.localPort");
    }

    @Test
    void expectedUsers() {
        assertThat(ProfileValidator.expectedUsers(0)).as("not said").isEmpty();
        assertThat(ProfileValidator.expectedUsers(25)).isEmpty();
        assertThat(ProfileValidator.expectedUsers(1001)).get().asString().contains("from 1 to 1000", "not 1001");
        assertThat(problemsOf(VALID.withHub(VALID.hub().withExpectedUsers(-3)))).extracting(FieldProblem::field)
                .containsExactly("hub.expectedUsers");
    }

    @Test
    void logRetentionDays() {
        for (int days : ProfileValidator.LOG_RETENTION_DAYS) {
            assertThat(ProfileValidator.logRetentionDays(days)).isEmpty();
        }
        assertThat(ProfileValidator.logRetentionDays(10)).get().asString()
                .contains("one of 1, 3, 5, 7, 14, 30").contains("3653 days, not 10");
        assertThat(problemsOf(VALID.withAdvanced(new Advanced("", 2, "")))).extracting(FieldProblem::field)
                .containsExactly("advanced.logRetentionDays");
    }

    @Test
    void jupyterhubVersion() {
        for (String version : JupyterHubVersion.TESTED) {
            assertThat(JupyterHubVersion.problem(version)).as(version).isEmpty();
        }
        assertThat(JupyterHubVersion.problem("5.5.4")).isEmpty();
        assertThat(JupyterHubVersion.problem("latest")).contains("'latest' is not a JupyterHub version: write it as"
                + " the official image's tag, such as 5.5.0");
        assertThat(JupyterHubVersion.problem("5.5")).get().asString().contains("is not a JupyterHub version");
        assertThat(JupyterHubVersion.problem("5.5.0; rm -rf /")).isPresent();
        assertThat(JupyterHubVersion.problem("4.1.6")).contains("the hub image's configuration is written for"
                + " JupyterHub 5 and 6 (tested on 6.1.1 and 5.5.0), not 4");
        assertThat(JupyterHubVersion.problem("7.0.0")).get().asString().endsWith("not 7");
        assertThat(problemsOf(VALID.withAdvanced(Advanced.DEFAULT.withJupyterhubVersion("3.0.0"))))
                .extracting(FieldProblem::field).containsExactly("advanced.jupyterhubVersion");
    }

    @Test
    void registryEndpoint() {
        for (String endpoint : List.of("localhost:5000", "127.0.0.1:5000", "registry", "[::1]:5000",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com")) {
            assertThat(ProfileValidator.registryEndpoint(endpoint)).as(endpoint).isEmpty();
        }
        assertThat(ProfileValidator.registryEndpoint("https://registry.example.org")).contains(
                "write only host[:port], without 'https://'");
        assertThat(ProfileValidator.registryEndpoint("registry.example.org/v2")).get().asString()
                .contains("without a path");
        assertThat(ProfileValidator.registryEndpoint("localhost:99999")).contains("the port after ':' is 1 to 65535");
        assertThat(ProfileValidator.registryEndpoint("300.1.1.1:5000")).get().asString().contains("not a host name");
        assertThat(ProfileValidator.registryEndpoint("-bad-.example")).isPresent();
        assertThat(problemsOf(VALID.withAdvanced(new Advanced("http://x", 30, "")))).extracting(FieldProblem::field)
                .containsExactly("advanced.registryEndpoint");
    }

    @Test
    void domainName() {
        assertThat(ProfileValidator.domainName("hub.example.org")).isEmpty();
        assertThat(ProfileValidator.domainName("hub.example.org.")).isEmpty();
        assertThat(ProfileValidator.domainName("localhost")).get().asString().contains("not a full domain name");
        assertThat(ProfileValidator.domainName("hub_1.example.org")).get().asString().contains("1 to 63");
        assertThat(ProfileValidator.domainName("-hub.example.org")).isPresent();
        assertThat(ProfileValidator.domainName("10.0.0.1")).get().asString().contains("ends in a number");
        Profile withDomain = VALID.withOptions(new Options(true, "hub..example.org", true));
        assertThat(problemsOf(withDomain)).extracting(FieldProblem::field).containsExactly("options.domainName");
    }

    @Test
    void firstUsePasswordsNeedTheStateKeptWithTheUsersFiles() {
        assertThat(problemsOf(VALID.withOptions(Options.NONE))).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("hub.signIn");
            assertThat(p.message()).contains("whoever signed in first with a name would get that account")
                    .contains("Turn on options.keepUserFiles");
        });
    }

    @Test
    void aDomainNeedsAStableAddress() {
        assertThat(problemsOf(VALID.withOptions(new Options(false, "hub.example.org", true))))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("options.domainName");
                    assertThat(p.message()).contains("turn on options.stableAddress");
                });
        assertThat(problemsOf(VALID.withOptions(new Options(true, "hub.example.org", true)))).isEmpty();
    }

    @Test
    void cognitoDomainPrefix() {
        assertThat(ProfileValidator.cognitoDomainPrefix("team-hub-login")).isEmpty();
        assertThat(ProfileValidator.cognitoDomainPrefix("a")).isEmpty();
        assertThat(ProfileValidator.cognitoDomainPrefix("Team")).get().asString().contains("lower-case");
        assertThat(ProfileValidator.cognitoDomainPrefix("team-")).isPresent();
        assertThat(ProfileValidator.cognitoDomainPrefix("x".repeat(64))).isPresent();
        assertThat(ProfileValidator.cognitoDomainPrefix("my-aws-hub")).contains(
                "a Cognito domain prefix may not contain 'aws'");
        assertThat(ProfileValidator.cognitoDomainPrefix("amazonhub")).isPresent();
        assertThat(ProfileValidator.cognitoDomainPrefix("hubcognito")).isPresent();
        assertThat(ProfileValidator.userPoolName("team users")).isEmpty();
        assertThat(ProfileValidator.userPoolName("team/users")).isPresent();
    }

    @Test
    void cognitoSignInNeedsHttpsAndItsSettings() {
        HubSettings cognito = new HubSettings("hub-image", List.of("ana"), List.of(), SignIn.COGNITO,
                CognitoSettings.NONE, 8000, false);
        Profile plain = VALID.withHub(cognito);
        assertThat(problemsOf(plain)).extracting(FieldProblem::field)
                .containsExactly("hub.signIn", "hub.cognito.userPoolName", "hub.cognito.domainPrefix");
        assertThat(problemsOf(plain).get(0).message()).contains("HTTPS").contains("options.stableAddress")
                .contains("options.domainName");
        assertThat(problemsOf(plain.withOptions(new Options(true, "", false)))).extracting(FieldProblem::field)
                .contains("hub.signIn");

        Profile complete = plain.withOptions(new Options(true, "hub.example.org", false)).withHub(new HubSettings(
                "hub-image", List.of("ana"), List.of(), SignIn.COGNITO, new CognitoSettings("team", "team-login"),
                8000, false));
        assertThat(problemsOf(complete)).isEmpty();
    }

    @Test
    void problemsReadAsFieldAndMessage() {
        Optional<FieldProblem> problem = problemsOf(VALID.withAdvanced(new Advanced("", 2, ""))).stream().findFirst();
        assertThat(problem).get().extracting(FieldProblem::text).asString()
                .startsWith("advanced.logRetentionDays: CloudWatch keeps logs for one of");
    }

    @Test
    void serverSizesMustBeFargatesPairsWithNamesOfTheirOwn() {
        assertThat(ProfileValidator.serverSizes(UserServers.DEFAULT_SIZES)).isEmpty();
        assertThat(ProfileValidator.serverSizes(List.of())).get().asString().contains("at least one size");
        assertThat(ProfileValidator.serverSizes(List.of(new ServerSize("Big", 4096, 4096)))).get().asString()
                .startsWith("size Big: With 4.0 vCPU Fargate allows 8.0 to 30.0 GB");
        assertThat(ProfileValidator.serverSizes(List.of(new ServerSize("Odd", 768, 2048)))).get().asString()
                .contains("768 CPU units is not one of them");
        assertThat(ProfileValidator.serverSizes(List.of(new ServerSize("small", 512, 1024),
                new ServerSize("Small", 1024, 2048)))).get().asString().contains("two sizes are called 'Small'");
        assertThat(ProfileValidator.serverSizes(List.of(new ServerSize("a,b=c", 512, 1024)))).get().asString()
                .contains("size name 'a,b=c' may contain only letters");
        assertThat(ProfileValidator.serverSizes(List.of(new ServerSize(" ", 512, 1024)))).get().asString()
                .contains("a size needs a name");
        assertThat(ProfileValidator.serverSizes(java.util.Collections.nCopies(11, new ServerSize("S", 512, 1024))))
                .get().asString().contains("at most 10 sizes");
    }

    @Test
    void cullTimeoutImageAndHours() {
        assertThat(ProfileValidator.cullIdleMinutes(0)).isEmpty();
        assertThat(ProfileValidator.cullIdleMinutes(60)).isEmpty();
        assertThat(ProfileValidator.cullIdleMinutes(10081)).get().asString().contains("1 to 10080 minutes");
        assertThat(ProfileValidator.cullIdleMinutes(-1)).isPresent();
        for (String image : List.of("", "quay.io/jupyter/scipy-notebook:2025-01-06", "jupyter/base-notebook",
                "localhost:5000/team/user@sha256:" + "a".repeat(64), "123456789012.dkr.ecr.eu-central-1.amazonaws.com/x:1")) {
            assertThat(ProfileValidator.singleUserImage(image)).as(image).isEmpty();
        }
        for (String image : List.of("https://quay.io/jupyter/x", "Jupyter/Base", "my image", "x:", "x/" + "a".repeat(255))) {
            assertThat(ProfileValidator.singleUserImage(image)).as(image).get().asString()
                    .contains("is not an image name");
        }
        assertThat(ProfileValidator.hoursPerPersonPerWeek(0)).isEmpty();
        assertThat(ProfileValidator.hoursPerPersonPerWeek(168)).isEmpty();
        assertThat(ProfileValidator.hoursPerPersonPerWeek(169)).get().asString().contains("0 to 168");
    }

    @Test
    void aSharedFolderNeedsKeptFiles() {
        Profile shared = VALID.withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE)
                .withSharedFolder(true));

        assertThat(problemsOf(shared.withOptions(shared.options().withKeepUserFiles(true)))).isEmpty();
        assertThat(problemsOf(shared.withOptions(shared.options().withKeepUserFiles(false))))
                .extracting(FieldProblem::field, FieldProblem::message)
                .contains(org.assertj.core.groups.Tuple.tuple("servers.sharedFolder", "the shared folder lives"
                        + " with users' kept files: turn on options.keepUserFiles, or turn the shared folder off"));
    }

    @Test
    void serverSettingsAreCheckedOnlyWhenServersRunOnFargate() {
        UserServers broken = new UserServers(ServerPlacement.HUB, List.of(), -5, "no such image!", 500);

        assertThat(problemsOf(VALID.withServers(broken))).isEmpty();
        assertThat(problemsOf(VALID.withServers(broken.withPlacement(ServerPlacement.FARGATE))))
                .extracting(FieldProblem::field).containsExactly("servers.sizes", "servers.cullIdleMinutes",
                        "servers.image", "servers.hoursPerPersonPerWeek");
    }

    @Test
    void sizesReadAsTheHubsSettings() {
        UserServers servers = UserServers.DEFAULT.withCullIdleMinutes(90);

        assertThat(servers.hubSizes()).isEqualTo("Small=0.5/1, Medium=1/4, Large=4/16");
        assertThat(servers.hubCullTimeout()).isEqualTo("90m");
        assertThat(servers.withCullIdleMinutes(0).hubCullTimeout()).isEqualTo("0");
        assertThat(new ServerSize("Tiny", 256, 512).label()).isEqualTo("Tiny: 0.25 vCPU, 0.5 GB");
    }
}
