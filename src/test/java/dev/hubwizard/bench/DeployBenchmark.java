package dev.hubwizard.bench;

import dev.hubwizard.deploy.DeployTestBed;
import dev.hubwizard.deploy.Deployment;
import dev.hubwizard.deploy.FargateStandIn;
import dev.hubwizard.deploy.LocalTestApproval;
import dev.hubwizard.deploy.NetworkStep;
import dev.hubwizard.deploy.TeardownChoices;
import dev.hubwizard.engine.RunResult;
import dev.hubwizard.profile.DeploymentState;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A deploy, a redeploy with nothing changed and a teardown through the app's own plans, against the
 * test bed the integration tests use ({@link DeployTestBed}: moto, the local registry, the Docker
 * Engine, Fargate played on loopback). The image is built and pushed by a warm-up deploy first, so the
 * first deploy measured is the orchestration of a fresh profile whose image is ready: the build comes
 * from Docker's cache and the push finds the tag in the registry. The local test and the played task
 * still start a real hub each (a few seconds of JupyterHub starting up).
 *
 * <p>It runs twice: through the strict layer every test meets (AWS's rules and, in short windows, its eventual
 * consistency), then with the SDK pointed at moto itself, so that the table shows what the layer adds.
 */
final class DeployBenchmark implements Benchmark {

    private static final String NAME = "deploy (emulator)";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * What one pass measured: its rows, the three wall times, and the first deploy's network step (where the
     * strict layer's EC2 windows fall), for the other pass to compare with.
     */
    private record Pass(List<Row> rows, List<Long> wallMillis, long networkMillis) {

        Pass(List<Row> rows) {
            this(rows, List.of(), 0);
        }
    }

    @Override
    public List<Row> run() throws Exception {
        Pass strict = pass();
        if (strict.wallMillis().isEmpty()) {
            return strict.rows();
        }
        String endpoint = System.getProperty("aws.endpointUrl");
        System.setProperty("aws.endpointUrl", MotoServer.shared().endpoint().toString());
        Pass direct;
        try {
            direct = pass();
        } finally {
            System.setProperty("aws.endpointUrl", endpoint);
        }
        List<Row> rows = new ArrayList<>(strict.rows());
        if (direct.wallMillis().isEmpty()) {
            rows.addAll(direct.rows());
            return rows;
        }
        rows.add(new Row(NAME, "the same straight to moto, without the strict layer: first deploy, redeploy, "
                + "teardown", direct.wallMillis().stream().map(DeployBenchmark::seconds)
                .collect(Collectors.joining(", ")), ""));
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            added.add(seconds(strict.wallMillis().get(i) - direct.wallMillis().get(i)));
        }
        rows.add(new Row(NAME, "what the strict layer adds (its rules and short consistency windows): first deploy, "
                + "redeploy, teardown", String.join(", ", added), ""));
        rows.add(new Row(NAME, "the first deploy's network step through the strict layer, and straight to moto",
                seconds(strict.networkMillis()) + ", " + seconds(direct.networkMillis()), ""));
        return rows;
    }

    private static Pass pass() throws Exception {
        DeployTestBed bed;
        try {
            bed = DeployTestBed.start(Files.createTempDirectory("hubwizard-bench-profiles"));
        } catch (TestAbortedException | AssertionError missing) {
            return new Pass(List.of(new Row(NAME, "first deploy, redeploy, teardown", "not run: "
                    + missing.getMessage(), "< 5 s / < 2 s")));
        }
        try (bed) {
            return measure(bed);
        }
    }

    private static Pass measure(DeployTestBed bed) throws Exception {
        bed.reset();
        Profile profile = bed.profile("bench-hub", List.of("alice"), List.of("alice", "bob"));
        FargateStandIn warmUpFargate = bed.fargate(profile);
        RunResult warmUp = run(bed, bed.deployment(profile), warmUpFargate, false);
        if (!warmUp.succeeded()) {
            return new Pass(List.of(new Row(NAME, "warm-up deploy", "failed: " + bed.failures(warmUp), "")));
        }
        // A fresh profile of the same name: an empty journal, an empty emulator, the image ready.
        bed.reset();
        bed.store().save(bed.store().load(profile.name()).withDeployment(DeploymentState.NEW));
        warmUpEmulator(bed);
        Deployment deployment = bed.deployment(profile);
        FargateStandIn fargate = bed.fargate(profile);

        AwsCallRecorder.clear();
        RunResult first = run(bed, deployment, fargate, false);
        List<String> firstCalls = AwsCallRecorder.calls();
        AwsCallRecorder.clear();
        RunResult redeploy = run(bed, deployment, fargate, false);
        List<String> redeployCalls = AwsCallRecorder.calls();
        List<String> redeployChanging = AwsCallRecorder.changingCalls();
        AwsCallRecorder.clear();
        RunResult teardown = run(bed, deployment, fargate, true);
        List<String> teardownCalls = AwsCallRecorder.calls();
        for (RunResult result : List.of(first, redeploy, teardown)) {
            if (!result.succeeded()) {
                return new Pass(List.of(new Row(NAME, "a measured run", "failed: " + bed.failures(result), "")));
            }
        }
        if (!fargate.failures().isEmpty()) {
            return new Pass(List.of(new Row(NAME, "the played Fargate task", "failed: " + fargate.failures(), "")));
        }

        return new Pass(List.of(
                new Row(NAME, "first deploy, image built and pushed already: wall time",
                        seconds(first.wallTime().toMillis()), "< 5 s of orchestration"),
                new Row(NAME, "first deploy: sum of step times (overlap = sum - wall)",
                        seconds(first.sumOfStepTimes().toMillis()), ""),
                new Row(NAME, "first deploy: each step", steps(first), ""),
                new Row(NAME, "first deploy: AWS API calls", firstCalls.size() + ": " + byOperation(firstCalls), ""),
                new Row(NAME, "redeploy, nothing changed: wall time", seconds(redeploy.wallTime().toMillis()),
                        "< 2 s"),
                new Row(NAME, "redeploy: each step", steps(redeploy), ""),
                new Row(NAME, "redeploy: AWS API calls (changing ones)", redeployCalls.size() + " ("
                        + redeployChanging.size() + " changing" + (redeployChanging.isEmpty() ? ""
                        : ": " + redeployChanging) + "); " + callsByService(redeployCalls), "0 changing"),
                new Row(NAME, "teardown: wall time", seconds(teardown.wallTime().toMillis()), ""),
                new Row(NAME, "teardown: AWS API calls", callsByService(teardownCalls), "")),
                List.of(first.wallTime().toMillis(), redeploy.wallTime().toMillis(), teardown.wallTime().toMillis()),
                first.outcomes().get(NetworkStep.ID).elapsed().toMillis());
    }

    /**
     * moto builds a service's backend on its first request after a reset (IAM loads all of AWS's managed
     * policies): a cost real AWS does not have, paid here before the clock starts.
     */
    private static void warmUpEmulator(DeployTestBed bed) {
        AwsCallRecorder.offTheRecord(() -> {
            bed.aws().ec2().describeVpcs();
            bed.aws().ecs().listClusters();
            bed.aws().ecr().describeRepositories();
            bed.aws().iam().listRoles();
            bed.aws().logs().describeLogGroups();
        });
    }

    private static RunResult run(DeployTestBed bed, Deployment deployment, FargateStandIn fargate, boolean teardown)
            throws Exception {
        return bed.run(deployment, teardown ? deployment.teardownPlan(TeardownChoices.DELETE_EVERYTHING)
                : deployment.deployPlan(LocalTestApproval.WHEN_CHECKED), fargate);
    }

    private static String steps(RunResult result) {
        return result.outcomes().values().stream()
                .map(e -> e.stepId() + " " + seconds(e.elapsed().toMillis()))
                .collect(Collectors.joining(", "));
    }

    /** "47 (Ec2 25, Ecs 12, ...)": the total, then per service, most first. */
    private static String callsByService(List<String> calls) {
        return calls.size() + " (" + counted(calls, c -> c.substring(0, c.indexOf('.'))) + ")";
    }

    /** "Ec2 23 (CreateSubnet 2, CreateVpc 1, ...); Ecs 12 (...)": per service, then per operation. */
    private static String byOperation(List<String> calls) {
        Map<String, List<String>> byService = calls.stream().collect(Collectors.groupingBy(
                c -> c.substring(0, c.indexOf('.')), TreeMap::new, Collectors.toList()));
        return byService.entrySet().stream().sorted(Comparator.comparing(e -> -e.getValue().size()))
                .map(e -> e.getKey() + " " + e.getValue().size() + " ("
                        + counted(e.getValue(), c -> c.substring(c.indexOf('.') + 1)) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String counted(List<String> calls, Function<String, String> key) {
        Map<String, Long> counts = calls.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.counting()));
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return entries.stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
