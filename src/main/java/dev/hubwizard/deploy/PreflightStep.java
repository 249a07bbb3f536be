package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsConfigProfiles;
import dev.hubwizard.aws.AwsConfigProfiles.AwsProfile;
import dev.hubwizard.aws.AwsIdentity;
import dev.hubwizard.aws.AwsRegions;
import dev.hubwizard.aws.CallerIdentity;
import dev.hubwizard.aws.DnsRecord;
import dev.hubwizard.aws.HostedZones;
import dev.hubwizard.aws.VpcQuota;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.docker.EngineInfo;
import dev.hubwizard.docker.HubImageFolder;
import dev.hubwizard.docker.ImageBuildRequest;
import dev.hubwizard.docker.LocalHubRunner;
import dev.hubwizard.engine.Key;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.NetworkMode;
import dev.hubwizard.profile.Profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks, before anything runs, what a deploy needs from this computer and the AWS account: Docker,
 * credentials (whose, in which account), the region, the local test's port, the image architecture
 * against the Fargate platform, the hub image folder (and with users' servers in their own tasks, what their image
 * is made from), the VPC quota, and with a domain whether Route 53
 * serves it. Every check ends green, amber or red with a fix in
 * plain words; the step fails only when something is red.
 */
public final class PreflightStep implements Step {

    public static final String ID = "preflight";
    public static final Key<PreflightReport> REPORT = Key.of("preflight", PreflightReport.class);

    private final Profile profile;
    private final DockerClients docker;
    private final LocalHubRunner localHub;
    private final AwsClients aws;
    private final Supplier<List<AwsProfile>> awsProfiles;
    private final Path bundledImage;

    /** @param bundledImage the hub image folder a profile that names none builds from */
    public PreflightStep(Profile profile, DockerClients docker, LocalHubRunner localHub, AwsClients aws,
                         Supplier<List<AwsProfile>> awsProfiles, Path bundledImage) {
        this.profile = profile;
        this.docker = docker;
        this.localHub = localHub;
        this.aws = aws;
        this.awsProfiles = awsProfiles;
        this.bundledImage = bundledImage;
    }

    public PreflightStep(Profile profile, DockerClients docker, LocalHubRunner localHub, AwsClients aws,
                         Supplier<List<AwsProfile>> awsProfiles) {
        this(profile, docker, localHub, aws, awsProfiles, BundledHubImage.folder());
    }

    public PreflightStep(Profile profile, DockerClients docker, LocalHubRunner localHub, AwsClients aws,
                         Path bundledImage) {
        this(profile, docker, localHub, aws, AwsConfigProfiles::list, bundledImage);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Preflight";
    }

    @Override
    public void run(StepContext context) throws Exception {
        List<Check> checks = new ArrayList<>();
        Optional<EngineInfo> engine = add(checks, context, this::docker);
        List<AwsProfile> profiles = awsProfiles.get();
        Optional<CallerIdentity> identity = add(checks, context, () -> credentials(profiles));
        checks.add(log(context, region()));
        context.throwIfCancelled();
        checks.add(log(context, port(context)));
        checks.add(log(context, architecture(engine)));
        checks.add(log(context, hubImage()));
        if (profile.servers().onFargate()) {
            checks.add(log(context, usersServers()));
        }
        if (identity.isPresent() && profile.network().mode() == NetworkMode.NEW_VPC) {
            checks.add(log(context, vpcQuota()));
        }
        if (identity.isPresent() && profile.options().ownDomain()) {
            checks.add(log(context, hostedZone()));
        }
        PreflightReport report = new PreflightReport(checks, profiles);
        context.put(REPORT, report);
        List<Check> failed = report.failed();
        if (!failed.isEmpty()) {
            Check first = failed.get(0);
            String names = String.join(" and ", failed.stream().map(Check::name).toList());
            throw new ProblemException(new Problem(names + (failed.size() == 1 ? " needs" : " need") + " attention",
                    first.name() + ": " + first.summary(), first.fix(), failed.stream().map(Check::remedy)
                    .filter(r -> r != Problem.Remedy.NONE).findFirst().orElse(Problem.Remedy.NONE)));
        }
    }

    /** A check that also yields what it found (the engine's version, the caller's identity). */
    private interface Probe<T> {
        Found<T> run() throws Exception;
    }

    private record Found<T>(Check check, Optional<T> value) {
    }

    private <T> Optional<T> add(List<Check> checks, StepContext context, Probe<T> probe) throws Exception {
        Found<T> found = probe.run();
        checks.add(log(context, found.check()));
        return found.value();
    }

    private static Check log(StepContext context, Check check) {
        String line = check.name() + ": " + check.summary() + (check.fix().isBlank() ? "" : " — " + check.fix());
        switch (check.status()) {
            case OK -> context.log().info("✔ " + line);
            case WARNING -> context.log().warn(line);
            case FAILED -> context.log().error(line);
        }
        return check;
    }

    private Found<EngineInfo> docker() {
        try {
            EngineInfo info = EngineInfo.of(docker);
            return new Found<>(Check.ok("Docker", "Docker " + info.version() + " is running (" + info.os() + "/"
                    + info.architecture() + ")"), Optional.of(info));
        } catch (ProblemException e) {
            return new Found<>(Check.failed("Docker", e.problem().what() + (e.problem().why().isBlank() ? ""
                    : ": " + e.problem().why()), e.problem().next()), Optional.empty());
        }
    }

    private Found<CallerIdentity> credentials(List<AwsProfile> profiles) {
        String chosen = profile.aws().profileName();
        String which = chosen.isBlank() ? "the default AWS credentials" : "AWS profile '" + chosen + "'";
        if (!chosen.isBlank() && profiles.stream().noneMatch(p -> p.name().equals(chosen))) {
            return new Found<>(new Check("AWS credentials", Check.Status.FAILED, "there is no AWS profile named '"
                    + chosen + "' in ~/.aws/config or ~/.aws/credentials (found: " + names(profiles) + ")",
                    "Press Sign in to AWS to make it (IAM Identity Center or access keys), or pick one of the "
                            + "profiles on the Settings page", Problem.Remedy.SIGN_IN).inSettings("aws.profile"),
                    Optional.empty());
        }
        try {
            CallerIdentity identity = new AwsIdentity(aws).whoAmI();
            return new Found<>(Check.ok("AWS credentials", which + " sign in to account " + identity.account()
                    + " as " + identity.arn()), Optional.of(identity));
        } catch (ProblemException e) {
            return new Found<>(new Check("AWS credentials", Check.Status.FAILED, which + ": " + e.problem().what()
                    + (e.problem().why().isBlank() ? "" : " (" + e.problem().why() + ")"), e.problem().next(),
                    e.problem().remedy()), Optional.empty());
        }
    }

    private static String names(List<AwsProfile> profiles) {
        return profiles.isEmpty() ? "none" : String.join(", ", profiles.stream().map(AwsProfile::name).toList());
    }

    private Check region() {
        String region = profile.aws().region();
        if (region.isBlank()) {
            return Check.failed("Region", "no region chosen", "Choose the AWS region on the Settings page")
                    .inSettings("aws.region");
        }
        return AwsRegions.find(region)
                .map(r -> Check.ok("Region", r.toString()))
                .orElseGet(() -> Check.warning("Region", region + " is not a region this version knows",
                        "Check the spelling on the Settings page (for example us-east-1)").inSettings("aws.region"));
    }

    /** The folder the build will use: found before anything is created, not when the build starts. */
    private Check hubImage() {
        Path folder = BuildImageStep.imageFolder(profile, bundledImage);
        boolean bundled = profile.hub().imageFolder().isEmpty();
        String which = bundled ? "the hub image that comes with Hub Wizard (" + folder + ")" : folder.toString();
        return HubImageFolder.problem(folder)
                .map(p -> Check.failed("Hub image", p.what() + ": " + p.why(), bundled
                        ? "Hub Wizard's own hub image folder is not where it should be: choose a hub image folder"
                                + " on the Settings page (under Advanced), or reinstall Hub Wizard"
                        : p.next()).inSettings("hub.imageFolder"))
                .orElseGet(() -> Check.ok("Hub image", "builds from " + which));
    }

    /**
     * Where the users' image comes from, found before anything is built: the image the profile names (pulled and
     * checked in the deploy), or the hub image folder's {@code singleuser/Dockerfile}, which a folder of one's own
     * may lack.
     */
    private Check usersServers() {
        String named = profile.servers().image();
        if (!named.isEmpty()) {
            return Check.ok("Users' servers", "each in its own Fargate task, from " + named + " (pulled, then checked"
                    + " for jupyterhub-singleuser)");
        }
        Path dockerfile = BuildImageStep.imageFolder(profile, bundledImage).resolve(ImageBuildRequest.USER_DOCKERFILE);
        if (!Files.isRegularFile(dockerfile)) {
            return Check.failed("Users' servers", "the hub image folder has no " + ImageBuildRequest.USER_DOCKERFILE
                            + " (" + dockerfile + ") to build the users' server image from",
                    "Name an image with jupyterhub-singleuser under Users' image on the Settings page (for example"
                            + " quay.io/jupyter/scipy-notebook), or add " + ImageBuildRequest.USER_DOCKERFILE
                            + " to the hub image folder").inSettings("servers.image");
        }
        return Check.ok("Users' servers", "each in its own Fargate task, from an image built from " + dockerfile);
    }

    private Check port(StepContext context) {
        int port = profile.hub().localPort();
        try {
            // Hub Wizard's own container from a run that was killed mid-test would hold the port.
            localHub.removeLeftover(LocalTestStep.containerName(profile), context);
        } catch (ProblemException | RuntimeException notOurs) {
            // Someone else's container of that name, or no Docker: the local test and the Docker check say so.
        }
        return localHub.portProblem(port)
                .map(e -> Check.failed("Port " + port, e.problem().what() + ": " + e.problem().why(),
                        e.problem().next()).inSettings("hub.localPort"))
                .orElseGet(() -> Check.ok("Port " + port, "free for the local test"));
    }

    private static Check architectureCheck(Architecture task, String engineArchitecture) {
        if (task.dockerArchitecture().equals(engineArchitecture)) {
            return Check.ok("Architecture", "this computer builds " + engineArchitecture + " images and the Fargate "
                    + "task runs " + task + ": they match");
        }
        return Check.warning("Architecture", "this computer is " + engineArchitecture + " but the Fargate task is "
                        + task + ": the image is built for " + task + " under emulation, which is slower",
                task == Architecture.X86_64 ? "Choose ARM64 for the task on the Settings page (also about 20% cheaper)"
                        : "Choose X86_64 for the task on the Settings page");
    }

    private Check architecture(Optional<EngineInfo> engine) {
        return engine.map(e -> architectureCheck(profile.task().architecture(), e.architecture()))
                .orElseGet(() -> Check.warning("Architecture", "not checked: Docker did not answer",
                        "Start Docker, then press Retry"));
    }

    /** Whether the account's Route 53 serves the domain, so that Hub Wizard can add its DNS records itself. */
    private Check hostedZone() {
        String domain = profile.options().domainName();
        try {
            return new HostedZones(aws).find(domain)
                    .map(zone -> Check.ok("Domain", domain + " is served by this account's Route 53 zone "
                            + DnsRecord.plain(zone.name()) + ": Hub Wizard adds its DNS records"))
                    .orElseGet(() -> Check.warning("Domain", domain + " is not in a Route 53 zone of this account: "
                                    + "you will have to add two DNS records by hand",
                            "During the deploy Hub Wizard shows them (one validates the certificate, one points "
                                    + domain + " at the load balancer); add them where the domain's DNS is kept"));
        } catch (ProblemException e) {
            return Check.warning("Domain", "could not look for " + domain + " in Route 53: " + e.problem().what(),
                    "Nothing to do if its DNS is kept elsewhere: you will add two DNS records by hand");
        }
    }

    private Check vpcQuota() {
        try {
            VpcQuota.Usage usage = new VpcQuota(aws).read();
            if (usage.full()) {
                return Check.failed("VPC quota", usage.used() + " of " + usage.limit() + " VPCs in "
                                + profile.aws().region() + " are in use: a new VPC would be refused",
                        "Use the default VPC or an existing one on the Settings page, delete an unused VPC, or "
                                + "ask AWS for a higher quota (Service Quotas → Amazon VPC → VPCs per Region)");
            }
            return Check.ok("VPC quota", usage.used() + " of " + usage.limit() + " VPCs in use: room for the hub's");
        } catch (ProblemException e) {
            return Check.warning("VPC quota", "could not be read: " + e.problem().what(),
                    "Nothing to do unless the deploy fails on it (the usual limit is 5 VPCs per region)");
        }
    }
}
