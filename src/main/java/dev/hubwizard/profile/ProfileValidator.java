package dev.hubwizard.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules a profile must meet before anything is deployed from it. {@link #validate} checks a
 * whole profile once where it enters the app; the per-field checks are the same rules, for a UI
 * that validates while the user types. Each message says what is wrong and what is allowed.
 */
public final class ProfileValidator {

    /** What CloudWatch Logs accepts as a retention period, in days. */
    public static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Names Windows will not create a file by, whatever the extension. */
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
            "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
            "lpt8", "lpt9");
    /** ECR's own rule for repository names, namespaces included. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-5... */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern ENDPOINT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:/\\s\\[\\]]+)(?::(\\d{1,5}))?");
    /** Cognito's pattern for a hosted UI domain prefix. */
    private static final Pattern COGNITO_PREFIX = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern USER_POOL_NAME = Pattern.compile("[\\w\\s+=,.@-]{1,128}", Pattern.UNICODE_CHARACTER_CLASS);
    /**
     * Docker's image reference grammar: an optional registry host (with a port), a lower-case path, then a tag,
     * a digest or both.
     */
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\\d{1,5})?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,})?");
    public static final int MAX_SERVER_SIZES = 10;
    public static final int MAX_CULL_IDLE_MINUTES = 7 * 24 * 60;
    private static final int HOURS_PER_WEEK = 7 * 24;
    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");

    /**
     * First-use passwords are kept with the hub's state on the users' file system (EFS). Without it every new task
     * would forget them, and whoever signed in first with a name after a redeploy or a crash would set its password
     * and get that person's account.
     */
    public static final String FIRST_USE_NEEDS_KEPT_STATE = "first-use passwords are kept on the users' file system:"
            + " without it a new task would forget them, and whoever signed in first with a name would get that"
            + " account. Turn on options.keepUserFiles (Keep users' files), or sign in with COGNITO";

    private ProfileValidator() {
    }

    /** Everything wrong with {@code profile}, in the order of the profile file; empty when it may be deployed. */
    public static List<FieldProblem> validate(Profile profile) {
        List<FieldProblem> problems = new ArrayList<>();
        check(problems, "name", profileName(profile.name()));
        check(problems, "aws.profile", awsProfileName(profile.aws().profileName()));
        check(problems, "aws.region", region(profile.aws().region()));

        ResourceNames names = profile.names();
        check(problems, "names.repository", repositoryName(names.repository()));
        check(problems, "names.cluster", clusterName(names.cluster()));
        check(problems, "names.service", serviceName(names.service()));
        check(problems, "names.taskFamily", taskFamily(names.taskFamily()));

        TaskSize task = profile.task();
        check(problems, FargateSizes.cpuChoices().contains(task.cpu()) ? "task.memory" : "task.cpu",
                taskSize(task.cpu(), task.memory()));

        NetworkSettings network = profile.network();
        if (network.mode() == NetworkMode.EXISTING_VPC) {
            check(problems, "network.vpcId", vpcId(network.vpcId()));
            check(problems, "network.subnetIds", subnetIds(network.subnetIds()));
        }
        check(problems, "network.ingressCidr", ingressCidr(network.ingressCidr()));

        HubSettings hub = profile.hub();
        check(problems, "hub.admins", admins(hub.admins()));
        check(problems, "hub.allowedUsers", allowedUsers(hub.allowedUsers()));
        Options options = profile.options();
        if (hub.signIn() == SignIn.COGNITO) {
            if (!options.https()) {
                problems.add(new FieldProblem("hub.signIn", "Cognito sign-in needs an HTTPS address for its callback:"
                        + " turn on options.cloudFront (HTTPS on an AWS address), or turn on options.stableAddress and"
                        + " set options.domainName, or sign in with FIRST_USE_PASSWORD"));
            }
            check(problems, "hub.cognito.userPoolName", userPoolName(hub.cognito().userPoolName()));
            check(problems, "hub.cognito.domainPrefix", cognitoDomainPrefix(hub.cognito().domainPrefix()));
        }
        if (hub.signIn() == SignIn.FIRST_USE_PASSWORD && !options.keepUserFiles()) {
            problems.add(new FieldProblem("hub.signIn", FIRST_USE_NEEDS_KEPT_STATE));
        }
        check(problems, "hub.localPort", localPort(hub.localPort()));
        check(problems, "hub.expectedUsers", expectedUsers(hub.expectedUsers()));

        if (!options.domainName().isEmpty()) {
            check(problems, "options.domainName", domainName(options.domainName()));
            if (!options.stableAddress()) {
                problems.add(new FieldProblem("options.domainName", "a domain name needs a stable address to point"
                        + " at: turn on options.stableAddress, or leave the domain name empty"));
            }
        }

        UserServers servers = profile.servers();
        if (servers.onFargate()) {
            check(problems, "servers.sizes", serverSizes(servers.sizes()));
            check(problems, "servers.cullIdleMinutes", cullIdleMinutes(servers.cullIdleMinutes()));
            check(problems, "servers.image", singleUserImage(servers.image()));
            check(problems, "servers.hoursPerPersonPerWeek", hoursPerPersonPerWeek(servers.hoursPerPersonPerWeek()));
            if (servers.sharedFolder() && !options.keepUserFiles()) {
                problems.add(new FieldProblem("servers.sharedFolder", "the shared folder lives with users' kept files:"
                        + " turn on options.keepUserFiles, or turn the shared folder off"));
            }
        }

        Advanced advanced = profile.advanced();
        if (!advanced.registryEndpoint().isEmpty()) {
            check(problems, "advanced.registryEndpoint", registryEndpoint(advanced.registryEndpoint()));
        }
        check(problems, "advanced.logRetentionDays", logRetentionDays(advanced.logRetentionDays()));
        check(problems, "advanced.jupyterhubVersion", JupyterHubVersion.problem(advanced.jupyterhubVersion()));
        return problems;
    }

    private static void check(List<FieldProblem> problems, String field, Optional<String> problem) {
        problem.ifPresent(message -> problems.add(new FieldProblem(field, message)));
    }

    /** A profile's name is its file's name: letters, digits, '-' and '_', 1 to 64 of them. */
    public static Optional<String> profileName(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the profile needs a name");
        }
        if (!PROFILE_NAME.matcher(name).matches()) {
            return Optional.of(name.length() > 64 ? "a profile name has at most 64 characters"
                    : "a profile name may contain only letters, digits, '-' and '_' (it is also the file's name)");
        }
        if (WINDOWS_DEVICES.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("'" + name + "' is a device name on Windows and cannot name a file: choose another");
        }
        // The hub's AWS resources are named after the profile (lower case, '-' for '_'): AWS refuses some starts.
        String prefix = ResourceNames.derivedFrom(name).taskFamily();
        if (prefix.startsWith("sg-")) {
            return Optional.of("a profile name may not start with '" + name.substring(0, 3) + "': the hub's security"
                    + " groups are named after the profile, and AWS refuses names that start like a group's id"
                    + " (sg-…). Choose another name, such as 'hub-" + name.substring(3) + "'");
        }
        if (prefix.startsWith("internal-")) {
            return Optional.of("a profile name may not start with '" + name.substring(0, 9) + "': the hub's load"
                    + " balancer is named after the profile, and AWS keeps names that start with 'internal-' for"
                    + " internal load balancers. Choose another name, such as 'hub-" + name.substring(9) + "'");
        }
        return Optional.empty();
    }

    /** The name of a profile in ~/.aws/config, or empty for the default chain; never a key. */
    public static Optional<String> awsProfileName(String name) {
        if (Secrets.looksLikeKey(name)) {
            return Optional.of("this looks like an access key: enter the name of a profile from ~/.aws/config"
                    + " (or leave it empty for the default), never the key itself");
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']')) {
            return Optional.of("an AWS profile name has no spaces or brackets: use the name between [profile …]"
                    + " in ~/.aws/config");
        }
        return Optional.empty();
    }

    public static Optional<String> region(String region) {
        if (region == null || region.isEmpty()) {
            return Optional.of("choose the AWS region to deploy to, such as us-east-1; the profile records it so"
                    + " that redeploys and teardown look in the same place");
        }
        if (!REGION.matcher(region).matches()) {
            return Optional.of("'" + region + "' is not an AWS region code: write it like us-east-1 or eu-central-1");
        }
        return Optional.empty();
    }

    /** ECR's rule: 2 to 256 characters, lower case, '.', '_', '-' between words, '/' between namespaces. */
    public static Optional<String> repositoryName(String name) {
        if (name.length() < 2 || name.length() > 256) {
            return Optional.of("an ECR repository name has 2 to 256 characters");
        }
        if (!REPOSITORY.matcher(name).matches()) {
            return Optional.of("an ECR repository name uses lower-case letters and digits, with single '.', '_' or"
                    + " '-' between them and '/' between namespaces (like team/jupyterhub); '" + name
                    + "' does not fit");
        }
        return Optional.empty();
    }

    public static Optional<String> clusterName(String name) {
        return ecsName("an ECS cluster name", name);
    }

    public static Optional<String> serviceName(String name) {
        return ecsName("an ECS service name", name);
    }

    public static Optional<String> taskFamily(String name) {
        return ecsName("a task definition family", name);
    }

    private static Optional<String> ecsName(String what, String name) {
        if (name.isEmpty()) {
            return Optional.of(what + " is required");
        }
        if (!ECS_NAME.matcher(name).matches()) {
            return Optional.of(name.length() > 255 ? what + " has at most 255 characters"
                    : what + " may contain only letters, digits, '-' and '_'");
        }
        return Optional.empty();
    }

    /** CPU units and MiB in one of the combinations Fargate runs ({@link FargateSizes}). */
    public static Optional<String> taskSize(int cpu, int memory) {
        return FargateSizes.problem(cpu, memory);
    }

    /**
     * An IPv4 range in CIDR form with its host bits zero. {@code 203.0.113.7} alone is one address:
     * the message offers {@code 203.0.113.7/32}.
     */
    public static Optional<String> ingressCidr(String cidr) {
        if (cidr == null || cidr.isEmpty()) {
            return Optional.of("say who may reach the hub: your address as a.b.c.d/32, your network such as"
                    + " 203.0.113.0/24, or 0.0.0.0/0 for anyone");
        }
        Matcher m = CIDR.matcher(cidr);
        if (!m.matches()) {
            return Optional.of("'" + cidr + "' is not an IPv4 range: write it like 203.0.113.0/24");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            String part = m.group(i);
            int octet = Integer.parseInt(part);
            if (octet > 255 || (part.length() > 1 && part.startsWith("0"))) {
                return Optional.of("'" + cidr + "' is not an IPv4 range: each of the four numbers is 0 to 255,"
                        + " without leading zeros");
            }
            address = (address << 8) | octet;
        }
        if (m.group(5) == null) {
            return Optional.of("add the prefix length: " + cidr + "/32 for that one address");
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            return Optional.of("the prefix length after '/' is 0 to 32, not " + prefix);
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((address & ~mask & 0xFFFFFFFFL) != 0) {
            String canonical = dotted(address & mask) + "/" + prefix;
            return Optional.of("'" + cidr + "' has host bits set: write " + canonical + " for that network, or "
                    + dotted(address) + "/32 for that one address");
        }
        return Optional.empty();
    }

    private static String dotted(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255);
    }

    /** At least one admin, each a valid hub user name in the form the hub stores it. */
    public static Optional<String> admins(List<String> admins) {
        if (admins.isEmpty()) {
            return Optional.of("name at least one admin: the hub has no other way to be administered");
        }
        return userNames(admins);
    }

    public static Optional<String> allowedUsers(List<String> users) {
        return userNames(users);
    }

    /** One hub user name: valid, and written the way the hub normalises it. */
    public static Optional<String> userName(String name) {
        Optional<String> problem = UserNames.problem(name);
        if (problem.isPresent()) {
            return problem;
        }
        String normalised = UserNames.normalise(name);
        if (!normalised.equals(name)) {
            return Optional.of("write '" + name + "' as '" + normalised + "', the form the hub uses"
                    + " (lower case, '@' and '.' become '_')");
        }
        return Optional.empty();
    }

    private static Optional<String> userNames(List<String> names) {
        List<String> problems = names.stream().map(ProfileValidator::userName).flatMap(Optional::stream).toList();
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    public static Optional<String> localPort(int port) {
        return port >= 1 && port <= 65535 ? Optional.empty()
                : Optional.of("a port is 1 to 65535, not " + port + "; the hub's usual port is " + HubSettings.PORT);
    }

    /** How many people will use the hub: 0 (not said) or up to {@link HubSizing#MAX_PEOPLE}. */
    public static Optional<String> expectedUsers(int people) {
        return people >= 0 && people <= HubSizing.MAX_PEOPLE ? Optional.empty()
                : Optional.of("how many people will use the hub: a whole number from 1 to " + HubSizing.MAX_PEOPLE
                        + ", not " + people);
    }

    /** One to {@link #MAX_SERVER_SIZES} sizes Fargate runs, each with a name of its own. */
    public static Optional<String> serverSizes(List<ServerSize> sizes) {
        if (sizes.isEmpty()) {
            return Optional.of("people need at least one size to choose for their server: add one, such as Small,"
                    + " 0.5 vCPU and 1 GB");
        }
        if (sizes.size() > MAX_SERVER_SIZES) {
            return Optional.of("the spawn page offers at most " + MAX_SERVER_SIZES + " sizes, not " + sizes.size()
                    + ": remove some");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (ServerSize size : sizes) {
            Optional<String> problem = size.problem();
            if (problem.isPresent()) {
                return problem;
            }
            if (!seen.add(size.name().toLowerCase(Locale.ROOT))) {
                return Optional.of("two sizes are called '" + size.name() + "': give each its own name");
            }
        }
        return Optional.empty();
    }

    /** Minutes an idle server runs on: 0 (never stopped) up to a week. */
    public static Optional<String> cullIdleMinutes(int minutes) {
        return minutes >= 0 && minutes <= MAX_CULL_IDLE_MINUTES ? Optional.empty()
                : Optional.of("stop idle servers after 1 to " + MAX_CULL_IDLE_MINUTES + " minutes (a week), or 0 to"
                        + " never stop them, not " + minutes);
    }

    /** Empty (the image Hub Wizard builds) or an image reference such as {@code quay.io/jupyter/scipy-notebook:2025-01-06}. */
    public static Optional<String> singleUserImage(String image) {
        if (image.isEmpty() || IMAGE_REFERENCE.matcher(image).matches() && image.length() <= 255) {
            return Optional.empty();
        }
        return Optional.of("'" + image + "' is not an image name: write it as Docker does, such as"
                + " quay.io/jupyter/scipy-notebook:2025-01-06 (lower case, no spaces, no https://), or leave it empty"
                + " for the image Hub Wizard builds");
    }

    /** Hours each person's server runs in a week, for the cost model: 0 to 168. */
    public static Optional<String> hoursPerPersonPerWeek(int hours) {
        return hours >= 0 && hours <= HOURS_PER_WEEK ? Optional.empty()
                : Optional.of("hours per person per week: a whole number from 0 to " + HOURS_PER_WEEK + ", not "
                        + hours);
    }

    public static Optional<String> logRetentionDays(int days) {
        return LOG_RETENTION_DAYS.contains(days) ? Optional.empty()
                : Optional.of("CloudWatch keeps logs for one of " + LOG_RETENTION_DAYS.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + " days, not " + days);
    }

    /** {@code host[:port]}: a host name, an IPv4 address or a bracketed IPv6 address; no scheme or path. */
    public static Optional<String> registryEndpoint(String endpoint) {
        if (endpoint.contains("://")) {
            return Optional.of("write only host[:port], without '" + endpoint.substring(0, endpoint.indexOf("://") + 3)
                    + "'");
        }
        Matcher m = ENDPOINT.matcher(endpoint);
        if (!m.matches()) {
            return Optional.of("'" + endpoint + "' is not host[:port]: write it like registry.example.com or"
                    + " localhost:5000, without a path");
        }
        String host = m.group(1);
        boolean hostOk = host.startsWith("[") || (IPV4.matcher(host).matches() ? ingressCidr(host + "/32").isEmpty()
                : Arrays.stream(host.split("\\.", -1)).allMatch(label -> LABEL.matcher(label).matches()));
        if (!hostOk) {
            return Optional.of("'" + host + "' is not a host name or IP address");
        }
        if (m.group(2) != null && localPort(Integer.parseInt(m.group(2))).isPresent()) {
            return Optional.of("the port after ':' is 1 to 65535");
        }
        return Optional.empty();
    }

    /** A fully qualified domain name such as hub.example.org. */
    public static Optional<String> domainName(String name) {
        String fqdn = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        String[] labels = fqdn.split("\\.", -1);
        if (fqdn.isEmpty() || fqdn.length() > 253 || labels.length < 2) {
            return Optional.of("'" + name + "' is not a full domain name: write it like hub.example.org");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("'" + name + "' is not a valid domain name: each part between dots has 1 to 63"
                        + " letters, digits or '-', and does not start or end with '-'");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.of("'" + name + "' ends in a number: write a domain name like hub.example.org");
        }
        return Optional.empty();
    }

    /** The hosted UI's prefix: lower case, digits and '-', 1 to 63, without the words AWS reserves. */
    public static Optional<String> cognitoDomainPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return Optional.of("Cognito sign-in needs a domain prefix for its sign-in page (PREFIX.auth.REGION"
                    + ".amazoncognito.com)");
        }
        if (!COGNITO_PREFIX.matcher(prefix).matches()) {
            return Optional.of("a Cognito domain prefix has 1 to 63 lower-case letters, digits and '-', and does not"
                    + " start or end with '-'");
        }
        for (String reserved : List.of("aws", "amazon", "cognito")) {
            if (prefix.contains(reserved)) {
                return Optional.of("a Cognito domain prefix may not contain '" + reserved + "'");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> userPoolName(String name) {
        if (name.isEmpty()) {
            return Optional.of("Cognito sign-in needs a user pool name");
        }
        return USER_POOL_NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("a user pool name has 1 to 128 letters, digits, spaces and + = , . @ -");
    }

    public static Optional<String> vpcId(String id) {
        if (id.isEmpty()) {
            return Optional.of("an existing VPC needs its id, like vpc-0123456789abcdef0");
        }
        return VPC_ID.matcher(id).matches() ? Optional.empty()
                : Optional.of("'" + id + "' is not a VPC id: they look like vpc-0123456789abcdef0");
    }

    public static Optional<String> subnetIds(List<String> ids) {
        if (ids.isEmpty()) {
            return Optional.of("an existing VPC needs at least one public subnet id, ideally two in different zones");
        }
        List<String> bad = ids.stream().filter(id -> !SUBNET_ID.matcher(id).matches()).toList();
        return bad.isEmpty() ? Optional.empty()
                : Optional.of("not subnet ids: " + String.join(", ", bad) + "; they look like subnet-0123456789abcdef0");
    }
}
