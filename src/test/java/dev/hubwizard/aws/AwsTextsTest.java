package dev.hubwizard.aws;

import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileValidator;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.UserServers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text a deploy sends AWS to keep obeys the character set and length AWS documents for it, for every kind
 * of profile name the validator lets through: the shortest, the longest, upper case, '_', and a few hundred
 * random ones; with every option on, so that each text is sent. AWS would otherwise refuse it on the user's first
 * deploy, which moto does not.
 */
class AwsTextsTest {

    private static final String NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    @Test
    void everyTextOfEveryValidProfileFitsAwssRules() {
        List<String> problems = new ArrayList<>();
        for (String name : names()) {
            assertThat(ProfileValidator.profileName(name)).as(name).isEmpty();
            List<AwsTexts.Text> texts = new ArrayList<>(AwsTexts.all(everything(name)));
            texts.addAll(AwsTexts.all(everything(name).withOptions(new Options(false, "", true, true))));
            for (AwsTexts.Text text : texts) {
                text.rule().problem(text.value()).ifPresent(problem -> problems.add("profile " + name + ", "
                        + text.what() + " '" + text.value() + "': " + problem + " (" + text.rule().documentedAt()
                        + ")"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aSecurityGroupsTextsHoldNoApostrophe() {
        AwsTexts texts = new AwsTexts("team-hub");
        for (AwsTexts.Purpose purpose : AwsTexts.Purpose.values()) {
            assertThat(texts.securityGroupDescription(purpose)).doesNotContain("'");
            assertThat(AwsTexts.Rule.SECURITY_GROUP_RULE_DESCRIPTION.problem(AwsTexts.ruleDescription(purpose)))
                    .isEmpty();
        }
        assertThat(AwsTexts.Rule.SECURITY_GROUP_DESCRIPTION.problem("NFS from the hub's task")).isPresent();
        assertThat(AwsTexts.Rule.SECURITY_GROUP_RULE_DESCRIPTION.problem("a & b")).isPresent();
        assertThat(AwsTexts.Rule.SECURITY_GROUP_DESCRIPTION.problem("a & b")).isEmpty();
    }

    @Test
    void longNamesAreCutAndHashedWithinAwssLimitsAndStayApart() {
        String long1 = "a".repeat(60) + "-one";
        String long2 = "a".repeat(60) + "-two";
        AwsTexts one = new AwsTexts(long1);
        AwsTexts two = new AwsTexts(long2);

        assertThat(one.loadBalancerName()).hasSizeLessThanOrEqualTo(32).isNotEqualTo(two.loadBalancerName());
        assertThat(one.targetGroupName()).hasSizeLessThanOrEqualTo(32).isNotEqualTo(two.targetGroupName());
        assertThat(one.ownExecutionRoleName()).hasSize(64).startsWith("hubwizard-aaa").endsWith("-execution")
                .isNotEqualTo(two.ownExecutionRoleName());
        assertThat(new AwsTexts("team-hub").ownExecutionRoleName()).isEqualTo("hubwizard-team-hub-execution");
        assertThat(new AwsTexts("team-hub").loadBalancerName()).isEqualTo("team-hub-alb");
    }

    @Test
    void theHttpsAddressTextsAreSentAndLongNamesKeepTheirEnds() {
        Profile awsAddress = Profile.named("team-hub").withOptions(Options.NEW_HUB);
        assertThat(AwsTexts.all(awsAddress)).extracting(AwsTexts.Text::value).contains(
                "HTTPS address of the Hub Wizard hub team-hub", "hubwizard-team-hub-origin",
                "hubwizard-team-hub-task-running", "/aws/lambda/hubwizard-team-hub-origin", "hub-not-started.invalid");
        assertThat(AwsTexts.all(awsAddress.withOptions(new Options(true, "", false, true))))
                .as("behind a load balancer nothing follows the task").extracting(AwsTexts.Text::value)
                .doesNotContain("hubwizard-team-hub-origin");
        AwsTexts long1 = new AwsTexts("a".repeat(60) + "-one");
        assertThat(long1.originUpdaterName()).hasSize(64).endsWith("-origin")
                .isNotEqualTo(new AwsTexts("a".repeat(60) + "-two").originUpdaterName());
        assertThat(long1.taskRunningRuleName()).hasSize(64).endsWith("-task-running");
        assertThat(AwsTexts.Rule.ORIGIN_DOMAIN_NAME.problem("198.51.100.7")).as("an IP address").isPresent();
        assertThat(AwsTexts.Rule.ORIGIN_DOMAIN_NAME.problem("ec2-198-51-100-7.compute-1.amazonaws.com")).isEmpty();
        assertThat(AwsTexts.Rule.CLOUDFRONT_TAG_VALUE.problem("Zürich")).as("ASCII only").isPresent();
    }

    @Test
    void theRulesRefuseWhatAwsRefuses() {
        assertThat(AwsTexts.Rule.SECURITY_GROUP_NAME.problem("sg-hub-sg")).get().asString().contains("sg-");
        assertThat(AwsTexts.Rule.LOAD_BALANCER_NAME.problem("internal-tools-alb")).isPresent();
        assertThat(AwsTexts.Rule.LOAD_BALANCER_NAME.problem("a".repeat(33))).isPresent();
        assertThat(AwsTexts.Rule.LOAD_BALANCER_NAME.problem("hub-")).isPresent();
        assertThat(AwsTexts.Rule.IAM_ROLE_NAME.problem("r".repeat(65))).isPresent();
        assertThat(AwsTexts.Rule.TAG_VALUE.problem("team's")).isPresent();
        assertThat(AwsTexts.Rule.ACM_TOKEN.problem("a".repeat(33))).isPresent();
    }

    /** Every option on, Cognito sign-in: every text a deploy can send. */
    private static Profile everything(String name) {
        return Profile.named(name)
                .withOptions(new Options(true, "hub.example.org", true))
                .withHub(new HubSettings("", List.of("ada"), List.of("ada"), SignIn.COGNITO,
                        new CognitoSettings("Team Hub users", "team-hub-sign-in"), HubSettings.PORT, false))
                .withServers(UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE));
    }

    private static List<String> names() {
        Random random = new Random(12);
        List<String> names = new ArrayList<>(List.of("h", "team-hub", "Team_Hub-2", "a".repeat(64), "Z".repeat(64),
                "_-_", "9", "hub-sg", "hub-internal", "-x-", "x_".repeat(32)));
        Stream.generate(() -> {
            int length = 1 + random.nextInt(64);
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < length; i++) {
                name.append(NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length())));
            }
            return name.toString();
        }).filter(n -> ProfileValidator.profileName(n).isEmpty()).limit(300).forEach(names::add);
        return names;
    }

    @Test
    void usersServersAreNamedAfterTheProfile() {
        AwsTexts texts = new AwsTexts("Team_Hub");

        assertThat(texts.userTaskFamily()).isEqualTo("team-hub-user");
        assertThat(texts.usersSecurityGroupName()).isEqualTo("team-hub-users-sg");
        assertThat(texts.userRepositoryName()).isEqualTo("team-hub-user");
        assertThat(new AwsTexts("a__b").userRepositoryName()).as("one separator at a time, as ECR wants")
                .isEqualTo("a-b-user");
    }

    @Test
    void theHubsPrivateNameIsADnsNameForEveryProfileName() {
        assertThat(new AwsTexts("Team_Hub").privateZoneName()).isEqualTo("team-hub.hubwizard.internal");
        assertThat(new AwsTexts("Team_Hub").hubApiName()).isEqualTo("hub.team-hub.hubwizard.internal");
        java.util.regex.Pattern label = java.util.regex.Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
        List<String> all = new java.util.ArrayList<>(names());
        all.addAll(List.of("_hub_", "-", "x".repeat(64), "A-".repeat(32)));
        for (String name : all) {
            String hubName = new AwsTexts(name).hubApiName();
            assertThat(hubName.split("\\.")).as(name).allMatch(l -> label.matcher(l).matches());
            assertThat(hubName.length()).as(name).isLessThanOrEqualTo(253);
        }
    }
}
