package dev.hubwizard.aws;

import dev.hubwizard.profile.Options;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ResourceNames;
import dev.hubwizard.profile.SignIn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every text Hub Wizard asks AWS to keep for a profile — resource names, descriptions, tag values, tokens — made
 * in this one place, each with the character set and length AWS documents for it ({@link Rule}). AWS refuses what
 * does not fit (a security group description may not hold an apostrophe), and only when the user deploys: so
 * {@link #all} lists every text a profile's deploy sends, and a unit test holds each to its rule for the profiles
 * the validator lets through. Names come from the profile's name ({@link #prefix}), never from the user-editable
 * resource names, so a renamed cluster never orphans the network.
 */
public record AwsTexts(String profile) {

    /** What AWS documents for one kind of text. */
    public enum Rule {
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
        SECURITY_GROUP_NAME("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]+", 1, 255, "sg-",
                "AWSEC2/latest/APIReference/API_CreateSecurityGroup.html"),
        SECURITY_GROUP_DESCRIPTION("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]*", 0, 255, "",
                "AWSEC2/latest/APIReference/API_CreateSecurityGroup.html"),
        // A rule's description: the same set without '&'.
        SECURITY_GROUP_RULE_DESCRIPTION("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=;{}!$*]*", 0, 255, "",
                "AWSEC2/latest/APIReference/API_IpRange.html"),
        // The rule most services document for tags (IAM, ECS, ECR, ELB, Logs, ACM, EFS, Secrets Manager, Cognito);
        // EC2 allows any Unicode, so this one fits everywhere.
        TAG_KEY("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+", 1, 127, "aws:", "IAM/latest/APIReference/API_Tag.html"),
        TAG_VALUE("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", 0, 256, "", "IAM/latest/APIReference/API_Tag.html"),
        IAM_ROLE_NAME("[\\w+=,.@-]+", 1, 64, "", "IAM/latest/APIReference/API_CreateRole.html"),
        // Tab, line feed, carriage return, printable ASCII and Latin-1.
        IAM_ROLE_DESCRIPTION("[\\t\\n\\r\\x20-\\x7E\\xA1-\\xFF]*", 0, 1000, "",
                "IAM/latest/APIReference/API_CreateRole.html"),
        IAM_POLICY_NAME("[\\w+=,.@-]+", 1, 128, "", "IAM/latest/APIReference/API_PutRolePolicy.html"),
        LOAD_BALANCER_NAME("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?", 1, 32, "internal-",
                "elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html"),
        TARGET_GROUP_NAME("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?", 1, 32, "",
                "elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html"),
        ECS_NAME("[A-Za-z0-9_-]+", 1, 255, "", "AmazonECS/latest/APIReference/API_CreateService.html"),
        LOG_GROUP_NAME("[.\\-_/#A-Za-z0-9]+", 1, 512, "",
                "AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html"),
        ECR_REPOSITORY_NAME("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*", 2, 256, "",
                "AmazonECR/latest/APIReference/API_CreateRepository.html"),
        SECRET_NAME("[A-Za-z0-9/_+=.@-]+", 1, 512, "", "secretsmanager/latest/apireference/API_CreateSecret.html"),
        SECRET_DESCRIPTION("(?s).*", 0, 2048, "", "secretsmanager/latest/apireference/API_CreateSecret.html"),
        USER_POOL_NAME("[\\w\\s+=,.@-]+", 1, 128, "",
                "cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html"),
        USER_POOL_CLIENT_NAME("[\\w\\s+=,.@-]+", 1, 128, "",
                "cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html"),
        USER_POOL_DOMAIN("[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?", 1, 63, "",
                "cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html"),
        EMAIL_SUBJECT("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+", 1, 140, "",
                "cognito-user-identity-pools/latest/APIReference/API_MessageTemplateType.html"),
        INVITATION_MESSAGE("(?s)[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}"
                + "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*", 6, 20000, "",
                "cognito-user-identity-pools/latest/APIReference/API_MessageTemplateType.html"),
        EFS_TOKEN("(?s).+", 1, 64, "", "efs/latest/ug/API_CreateFileSystem.html"),
        ACM_TOKEN("\\w+", 1, 32, "", "acm/latest/APIReference/API_RequestCertificate.html"),
        DOMAIN_NAME("(?:\\*\\.)?(?:(?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9]\\.)+(?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9]", 1, 253,
                "", "acm/latest/APIReference/API_RequestCertificate.html"),
        // "The comment can't be longer than 128 characters"; kept to printable ASCII.
        CLOUDFRONT_COMMENT("[\\x20-\\x7E]*", 0, 128, "", "cloudfront/latest/APIReference/API_DistributionConfig.html"),
        // A custom origin: "a valid DNS name that contains only a-z, A-Z, 0-9, dot (.), hyphen (-), or underscore (_)
        // characters", up to 128, and not an IP address.
        ORIGIN_DOMAIN_NAME("(?![0-9.]+$)[a-zA-Z0-9._-]+", 1, 128, "", "cloudfront/latest/APIReference/API_Origin.html"),
        // CloudFront's tags are ASCII: "a-z, A-Z, 0-9, spaces, and _ . : / = + - @".
        CLOUDFRONT_TAG_VALUE("[a-zA-Z0-9\\s_.:/=+\\-@]*", 0, 256, "", "cloudfront/latest/APIReference/API_Tag.html"),
        CLOUDFRONT_FUNCTION_NAME("[a-zA-Z0-9_-]+", 1, 64, "", "cloudfront/latest/APIReference/API_CreateFunction.html"),
        LAMBDA_FUNCTION_NAME("[a-zA-Z0-9_-]+", 1, 64, "", "lambda/latest/api/API_CreateFunction.html"),
        LAMBDA_DESCRIPTION("(?s).*", 0, 256, "", "lambda/latest/api/API_CreateFunction.html"),
        LAMBDA_VARIABLE_NAME("[a-zA-Z][a-zA-Z0-9_]+", 2, 1024, "", "lambda/latest/api/API_Environment.html"),
        LAMBDA_STATEMENT_ID("[a-zA-Z0-9_-]+", 1, 100, "", "lambda/latest/api/API_AddPermission.html"),
        EVENT_RULE_NAME("[.\\-_A-Za-z0-9]+", 1, 64, "", "eventbridge/latest/APIReference/API_PutRule.html"),
        EVENT_RULE_DESCRIPTION("(?s).*", 0, 512, "", "eventbridge/latest/APIReference/API_PutRule.html"),
        EVENT_TARGET_ID("[.\\-_A-Za-z0-9]+", 1, 64, "", "eventbridge/latest/APIReference/API_Target.html");

        private final Pattern allowed;
        private final int min;
        private final int max;
        private final String forbiddenStart;
        private final String documentedAt;

        Rule(String allowed, int min, int max, String forbiddenStart, String page) {
            this.allowed = Pattern.compile(allowed);
            this.min = min;
            this.max = max;
            this.forbiddenStart = forbiddenStart;
            this.documentedAt = "https://docs.aws.amazon.com/" + page;
        }

        /** What is wrong with {@code text} by AWS's rule, or empty when AWS takes it. */
        public Optional<String> problem(String text) {
            int length = text.codePointCount(0, text.length());
            if (length < min || length > max) {
                return Optional.of(length + " characters, where AWS takes " + min + " to " + max);
            }
            if (!allowed.matcher(text).matches()) {
                return Optional.of("characters outside " + allowed.pattern());
            }
            if (!forbiddenStart.isEmpty() && text.toLowerCase(Locale.ROOT).startsWith(forbiddenStart)) {
                return Optional.of("it starts with '" + forbiddenStart + "', which AWS reserves");
            }
            return Optional.empty();
        }

        public String documentedAt() {
            return documentedAt;
        }
    }

    /** One text a deploy sends, for the test that holds it to its rule. */
    public record Text(Rule rule, String what, String value) {
    }

    /** What a security group lets in, in its description and its rules'. */
    public enum Purpose {
        HUB("port " + SecurityGroups.HUB_PORT),
        LOAD_BALANCER("the load balancer, HTTP and HTTPS"),
        // No apostrophe: AWS allows none in a security group's texts.
        FILE_SYSTEM("NFS from the hub task"),
        /** The users' own tasks: Jupyter's port, from the hub's task only. */
        USERS("Jupyter port " + SecurityGroups.USER_PORT + " from the hub task"),
        /** The rule of the hub's group that lets users' servers reach the hub's API. */
        HUB_API("the hub API port " + SecurityGroups.HUB_API_PORT + " from users servers");

        private final String words;

        Purpose(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The inline policy that lets a hub's own role read its secrets. */
    public static final String SECRETS_POLICY = "read-hub-secrets";
    /** The inline policy that lets the origin updater repoint the hub's distribution. */
    public static final String ORIGIN_UPDATER_POLICY = "update-hub-origin";
    /** The one target of the rule that follows the hub's tasks. */
    public static final String ORIGIN_UPDATER_TARGET = "hubwizard-function";
    /** What the Cognito app client's secret is kept for, in its name. */
    public static final String COGNITO_CLIENT_SECRET = "cognito-client-secret";
    public static final String CONTAINER = "hub";
    /** Under {@code .internal}, which ICANN keeps for private networks: it never clashes with a public name. */
    static final String PRIVATE_DOMAIN = "hubwizard.internal";
    static final int DNS_LABEL_MAX = 63;

    /**
     * What the profile's AWS resources are named after: its name in lower case, with '-' for anything else
     * ({@code Team_Hub} gives {@code team-hub}).
     */
    public String prefix() {
        return ResourceNames.derivedFrom(profile).taskFamily();
    }

    public String vpcName() {
        return prefix() + "-vpc";
    }

    /** The name of the hub's {@code index}-th subnet (0-based). */
    public String subnetName(int index) {
        return prefix() + "-public-" + (index + 1);
    }

    public String internetGatewayName() {
        return prefix() + "-igw";
    }

    public String routeTableName() {
        return prefix() + "-public";
    }

    public String securityGroupName() {
        return prefix() + "-sg";
    }

    public String loadBalancerSecurityGroupName() {
        return prefix() + "-alb-sg";
    }

    public String fileSystemSecurityGroupName() {
        return prefix() + "-efs-sg";
    }

    /** The group of users' own Fargate tasks: it admits the single-user port from the hub's group only. */
    public String usersSecurityGroupName() {
        return prefix() + "-users-sg";
    }

    /**
     * The users' task definition family ({@code team-hub-user}). The hub registers a family of its own per person
     * for their home folder ({@code team-hub-user-ana}), so everything under {@code <prefix>-user*} is the users'.
     */
    public String userTaskFamily() {
        return prefix() + "-user";
    }

    /**
     * The Route 53 private zone of the hub's private name ({@code team-hub.hubwizard.internal}): one per profile, since
     * two private zones of one name cannot serve the same VPC. Its first label is the prefix as a DNS label: at most 63
     * characters, no '-' at either end.
     */
    public String privateZoneName() {
        String label = ShortNames.fit(prefix(), DNS_LABEL_MAX).replaceAll("^-+|-+$", "");
        return (label.isEmpty() ? "hub" : label) + "." + PRIVATE_DOMAIN;
    }

    /** The name users' servers reach the hub's API at, whichever task the hub runs in. */
    public String hubApiName() {
        return "hub." + privateZoneName();
    }

    /**
     * The ECR repository of the users' server image, beside the hub's: the hub's derived repository name (ECR allows
     * one separator at a time) and {@code -user}.
     */
    public String userRepositoryName() {
        return ResourceNames.derivedFrom(profile).repository() + "-user";
    }

    String securityGroupDescription(Purpose purpose) {
        return "JupyterHub of Hub Wizard profile " + profile + ": " + purpose.words();
    }

    static String ruleDescription(Purpose purpose) {
        return "JupyterHub: " + purpose.words();
    }

    /** The load balancer: 32 characters at most, so a long prefix is cut and hashed. */
    public String loadBalancerName() {
        return ShortNames.fit(prefix() + "-alb", LoadBalancers.MAX_NAME);
    }

    public String targetGroupName() {
        return ShortNames.fit(prefix() + "-tg", TargetGroups.MAX_NAME);
    }

    /** A listener's Name tag: its load balancer and port. */
    String listenerName(int port) {
        return loadBalancerName() + ":" + port;
    }

    /**
     * A hub's own execution role ({@code hubwizard-team-hub-execution}): 64 characters at most, so a long prefix is
     * cut and hashed in the middle, and the name still matches {@code hubwizard-*-execution}, as the IAM policy in
     * docs/iam-policy.json does.
     */
    /** The role the hub's own code runs with: it may read the hub's live lists of users and nothing else. */
    public String taskRoleName() {
        return ShortNames.fit("hubwizard-" + prefix(), "-task", 64);
    }

    /** Route 53 allows 256 characters of comment; profile names have 64 at most. */
    static String privateZoneComment(String profile) {
        return "The hub's private name for its users' servers (Hub Wizard profile " + profile + ")";
    }

    static String taskRoleDescription(String profile) {
        return "Lets the hub read its lists of users and say when it picked them up (Hub Wizard profile " + profile
                + ")";
    }

    /** SSM parameter names allow letters, digits and _.-/, as profile names do. */
    public String usersParameter() {
        return "/hubwizard/" + profile + "/users";
    }

    public String usersPickedUpParameter() {
        return "/hubwizard/" + profile + "/users-picked-up";
    }

    public String ownExecutionRoleName() {
        return ShortNames.fit("hubwizard-" + prefix(), "-execution", 64);
    }

    static String executionRoleDescription(boolean shared, String profile) {
        return shared ? "Lets ECS pull images and write logs for Fargate tasks (Hub Wizard)"
                : "Lets ECS pull the hub's image, write its logs and read its secrets (Hub Wizard profile " + profile
                + ")";
    }

    /** The file system with the users' homes, and its access point. */
    public String fileSystemName() {
        return prefix() + "-homes";
    }

    /** The token EFS makes file system creation idempotent with: one per profile. */
    public String fileSystemCreationToken() {
        return ShortNames.fit("hubwizard-" + profile, 64);
    }

    /** Idempotent per file system: a run that died after creating the access point gets the same one. */
    String accessPointToken(String fileSystemId) {
        return ShortNames.hash(profile + "/" + fileSystemId).substring(0, 64);
    }

    /** The same token within an hour returns the same certificate: a crashed run leaves no second one. */
    String certificateToken(String domain) {
        return ShortNames.hash(profile + "/" + domain).substring(0, 32);
    }

    /** A secret of the profile's: {@code hubwizard/team-hub/cognito-client-secret}. */
    public String secretName(String purpose) {
        return "hubwizard/" + profile + "/" + purpose;
    }

    String secretDescription() {
        return "Hub Wizard profile " + profile + ": read by the hub's task only";
    }

    /** The hub's Cognito app client. */
    public String appClientName() {
        return "hubwizard-" + profile;
    }

    /** The hub's CloudFront distribution's comment, which the console lists and finds it by after a crash. */
    public String distributionComment() {
        return "HTTPS address of the Hub Wizard hub " + profile;
    }

    /**
     * The function that keeps the distribution on the hub's task, and its role: 64 characters at most, still
     * matching {@code hubwizard-*-origin} as the IAM policy does.
     */
    public String originUpdaterName() {
        return ShortNames.fit("hubwizard-" + prefix(), "-origin", 64);
    }

    /** The rule that runs the function for ECS's events about the hub's tasks. */
    public String taskRunningRuleName() {
        return ShortNames.fit("hubwizard-" + prefix(), "-task-running", 64);
    }

    /** The CloudFront function that lets in only the profile's address range at the edge. */
    public String viewerFunctionName() {
        return ShortNames.fit("hubwizard-" + prefix(), "-viewers", 64);
    }

    public String viewerFunctionComment() {
        return "Who may reach the hub of Hub Wizard profile " + profile;
    }

    /** Where Lambda writes the function's log. */
    public String originUpdaterLogGroup() {
        return "/aws/lambda/" + originUpdaterName();
    }

    String originUpdaterRoleDescription() {
        return "Lets the Lambda function " + originUpdaterName() + " point the CloudFront distribution of Hub Wizard "
                + "profile " + profile + " at the hub's running task";
    }

    String originUpdaterDescription(String distributionDomain) {
        return "Points " + distributionDomain + " at the running task of Hub Wizard profile " + profile;
    }

    String taskRunningRuleDescription() {
        return "A task of the hub of Hub Wizard profile " + profile + " runs: point its HTTPS address at it";
    }

    /** The statement of the function's resource policy that lets the rule run it. */
    String originUpdaterStatementId() {
        return ShortNames.fit("eventbridge-" + taskRunningRuleName(), 100);
    }

    static String invitationSubject() {
        return "Your JupyterHub account";
    }

    static String invitationMessage(String hubUrl) {
        return "You are invited to the team's JupyterHub at " + hubUrl + " . Sign in with the user name {username} and "
                + "the temporary password {####}; you will then choose your own password.";
    }

    /**
     * Every text a deploy of {@code profile} sends AWS, with the options it has: names (derived and the user's),
     * descriptions, tag values and tokens. What the hub's task gets (its environment) is not kept by AWS as text of
     * this kind and is not listed.
     */
    public static List<Text> all(Profile profile) {
        AwsTexts texts = new AwsTexts(profile.name());
        List<Text> all = new ArrayList<>();
        List<String> tagged = new ArrayList<>();
        ResourceNames names = profile.names();
        all.add(new Text(Rule.ECR_REPOSITORY_NAME, "repository", names.repository()));
        all.add(new Text(Rule.ECS_NAME, "cluster", names.cluster()));
        all.add(new Text(Rule.ECS_NAME, "service", names.service()));
        all.add(new Text(Rule.ECS_NAME, "task definition family", names.taskFamily()));
        all.add(new Text(Rule.ECS_NAME, "container", CONTAINER));
        all.add(new Text(Rule.LOG_GROUP_NAME, "log group", LogGroups.nameFor(names.taskFamily())));
        tagged.addAll(List.of(names.repository(), names.cluster(), names.service(), names.taskFamily(),
                LogGroups.nameFor(names.taskFamily())));
        for (String group : List.of(texts.securityGroupName(), texts.loadBalancerSecurityGroupName(),
                texts.fileSystemSecurityGroupName())) {
            all.add(new Text(Rule.SECURITY_GROUP_NAME, "security group", group));
        }
        for (Purpose purpose : Purpose.values()) {
            all.add(new Text(Rule.SECURITY_GROUP_DESCRIPTION, "security group description",
                    texts.securityGroupDescription(purpose)));
            all.add(new Text(Rule.SECURITY_GROUP_RULE_DESCRIPTION, "security group rule description",
                    ruleDescription(purpose)));
        }
        tagged.addAll(List.of(texts.vpcName(), texts.subnetName(0), texts.subnetName(1), texts.internetGatewayName(),
                texts.routeTableName(), texts.securityGroupName(), texts.loadBalancerSecurityGroupName(),
                texts.fileSystemSecurityGroupName()));
        all.add(new Text(Rule.IAM_ROLE_NAME, "execution role", ExecutionRoles.NAME));
        all.add(new Text(Rule.IAM_ROLE_DESCRIPTION, "execution role description",
                executionRoleDescription(true, profile.name())));
        tagged.add(ExecutionRoles.NAME);
        Options options = profile.options();
        if (options.stableAddress()) {
            all.add(new Text(Rule.LOAD_BALANCER_NAME, "load balancer", texts.loadBalancerName()));
            all.add(new Text(Rule.TARGET_GROUP_NAME, "target group", texts.targetGroupName()));
            tagged.addAll(List.of(texts.loadBalancerName(), texts.targetGroupName(),
                    texts.listenerName(SecurityGroups.HTTP_PORT), texts.listenerName(SecurityGroups.HTTPS_PORT)));
        }
        if (options.ownDomain()) {
            all.add(new Text(Rule.DOMAIN_NAME, "certificate's domain", options.domainName()));
            all.add(new Text(Rule.ACM_TOKEN, "certificate request token",
                    texts.certificateToken(options.domainName())));
            tagged.add(options.domainName());
        }
        if (options.awsAddress()) {
            String sampleDomain = "d111111abcdef8.cloudfront.net";
            all.add(new Text(Rule.CLOUDFRONT_COMMENT, "distribution comment", texts.distributionComment()));
            all.add(new Text(Rule.CLOUDFRONT_TAG_VALUE, "distribution's Name tag", texts.distributionComment()));
            all.add(new Text(Rule.CLOUDFRONT_TAG_VALUE, "distribution's profile tag", profile.name()));
            all.add(new Text(Rule.ORIGIN_DOMAIN_NAME, "origin before the first task", DistributionSpec.NOT_STARTED));
            if (!profile.network().isOpenToAnywhere()) {
                all.add(new Text(Rule.CLOUDFRONT_FUNCTION_NAME, "viewer function", texts.viewerFunctionName()));
                all.add(new Text(Rule.CLOUDFRONT_COMMENT, "its comment", texts.viewerFunctionComment()));
            }
            if (!options.stableAddress()) {
                all.add(new Text(Rule.LAMBDA_FUNCTION_NAME, "origin updater", texts.originUpdaterName()));
                all.add(new Text(Rule.LAMBDA_DESCRIPTION, "its description",
                        texts.originUpdaterDescription(sampleDomain)));
                for (String variable : List.of(OriginUpdater.DISTRIBUTION_ID, OriginUpdater.ORIGIN_ID)) {
                    all.add(new Text(Rule.LAMBDA_VARIABLE_NAME, "its environment", variable));
                }
                all.add(new Text(Rule.IAM_ROLE_NAME, "its role", texts.originUpdaterName()));
                all.add(new Text(Rule.IAM_ROLE_DESCRIPTION, "its role's description",
                        texts.originUpdaterRoleDescription()));
                all.add(new Text(Rule.IAM_POLICY_NAME, "its role's policy", ORIGIN_UPDATER_POLICY));
                all.add(new Text(Rule.LOG_GROUP_NAME, "its log group", texts.originUpdaterLogGroup()));
                all.add(new Text(Rule.EVENT_RULE_NAME, "the rule that runs it", texts.taskRunningRuleName()));
                all.add(new Text(Rule.EVENT_RULE_DESCRIPTION, "its description", texts.taskRunningRuleDescription()));
                all.add(new Text(Rule.EVENT_TARGET_ID, "its target", ORIGIN_UPDATER_TARGET));
                all.add(new Text(Rule.LAMBDA_STATEMENT_ID, "the function's permission for it",
                        texts.originUpdaterStatementId()));
                tagged.addAll(List.of(texts.originUpdaterName(), texts.originUpdaterLogGroup(),
                        texts.taskRunningRuleName()));
            }
        }
        if (options.keepUserFiles()) {
            all.add(new Text(Rule.EFS_TOKEN, "file system creation token", texts.fileSystemCreationToken()));
            all.add(new Text(Rule.EFS_TOKEN, "access point token", texts.accessPointToken("fs-0123456789abcdef0")));
            tagged.add(texts.fileSystemName());
        }
        if (profile.servers().onFargate()) {
            all.add(new Text(Rule.SECURITY_GROUP_NAME, "users' security group", texts.usersSecurityGroupName()));
            all.add(new Text(Rule.ECS_NAME, "users' task definition family", texts.userTaskFamily()));
            all.add(new Text(Rule.ECS_NAME, "users' container", UserTaskDefinitionSpec.CONTAINER));
            all.add(new Text(Rule.ECR_REPOSITORY_NAME, "users' repository", texts.userRepositoryName()));
            tagged.addAll(List.of(texts.usersSecurityGroupName(), texts.userTaskFamily(), texts.userRepositoryName()));
        }
        if (profile.hub().signIn() == SignIn.COGNITO) {
            all.add(new Text(Rule.IAM_ROLE_NAME, "the hub's own execution role", texts.ownExecutionRoleName()));
            all.add(new Text(Rule.IAM_ROLE_DESCRIPTION, "its description",
                    executionRoleDescription(false, profile.name())));
            all.add(new Text(Rule.IAM_POLICY_NAME, "its inline policy", SECRETS_POLICY));
            all.add(new Text(Rule.USER_POOL_NAME, "user pool", profile.hub().cognito().userPoolName()));
            all.add(new Text(Rule.USER_POOL_DOMAIN, "sign-in domain prefix", profile.hub().cognito().domainPrefix()));
            all.add(new Text(Rule.USER_POOL_CLIENT_NAME, "app client", texts.appClientName()));
            all.add(new Text(Rule.EMAIL_SUBJECT, "invitation subject", invitationSubject()));
            all.add(new Text(Rule.INVITATION_MESSAGE, "invitation", invitationMessage(options.ownDomain()
                    ? "https://" + options.domainName() + "/" : "https://d111111abcdef8.cloudfront.net/")));
            String secret = texts.secretName(COGNITO_CLIENT_SECRET);
            all.add(new Text(Rule.SECRET_NAME, "secret", secret));
            all.add(new Text(Rule.SECRET_DESCRIPTION, "secret description", texts.secretDescription()));
            tagged.addAll(List.of(texts.ownExecutionRoleName(), profile.hub().cognito().userPoolName(), secret));
        }
        all.add(new Text(Rule.TAG_KEY, "tag key", ProfileTags.PROFILE_KEY));
        all.add(new Text(Rule.TAG_KEY, "tag key", ProfileTags.NAME_KEY));
        all.add(new Text(Rule.TAG_VALUE, "the profile tag", profile.name()));
        tagged.forEach(name -> all.add(new Text(Rule.TAG_VALUE, "Name tag", name)));
        return all;
    }
}
