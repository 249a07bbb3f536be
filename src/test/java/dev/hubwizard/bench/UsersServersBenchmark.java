package dev.hubwizard.bench;

import dev.hubwizard.cost.CostEstimate;
import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.cost.PriceList;
import dev.hubwizard.deploy.FargateHubBed;
import dev.hubwizard.hub.HubBrowser;
import dev.hubwizard.profile.Architecture;
import dev.hubwizard.profile.CognitoSettings;
import dev.hubwizard.profile.HubSettings;
import dev.hubwizard.profile.HubSizing;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ServerPlacement;
import dev.hubwizard.profile.SignIn;
import dev.hubwizard.profile.TaskSize;
import dev.hubwizard.profile.UserServers;
import org.opentest4j.TestAbortedException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Each person's server in its own Fargate task ({@code HUB_SPAWNER=fargate}) on the test bed
 * ({@link FargateHubBed}: the hub image in a container, ECS and EFS on moto behind the strict layer, each task a
 * container of the users' image on its own loopback address): for a few people in turn, the spawn form sent to
 * the server answering and to the first kernel answer (the median, the slowest in brackets), and the ECS and EFS
 * calls the hub made for the spawn (the first spawn of a person, who gets a home folder). Then, from the app's own
 * cost model and price file (what the plan page shows), a month for 5, 30 and 100 people at 5 hours a week each:
 * servers in the one hub task, sized for them, beside each in its own task.
 */
final class UsersServersBenchmark implements Benchmark {

    private static final String NAME = "users' servers (test bed)";
    private static final List<String> PEOPLE = List.of("alice", "bob", "carol");
    private static final List<Integer> TEAMS = List.of(5, 30, 100);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>(spawns());
        rows.addAll(costs());
        return rows;
    }

    private List<Row> spawns() throws Exception {
        FargateHubBed bed;
        try {
            bed = FargateHubBed.build();
        } catch (TestAbortedException | AssertionError missing) {
            return List.of(new Row(NAME, "spawns", "not run: " + missing.getMessage(), ""));
        }
        List<Long> answered = new ArrayList<>();
        List<Long> ran = new ArrayList<>();
        List<List<String>> calls = new ArrayList<>();
        try (bed) {
            bed.newCluster();
            bed.startHub(Map.of("HUB_ALLOWED_USERS", String.join(" ", PEOPLE)));
            for (String person : PEOPLE) {
                HubBrowser browser = bed.signedIn(person);
                bed.forgetHubCalls();
                long start = System.nanoTime();
                URI server = bed.spawn(browser, person, "Small");
                answered.add(System.nanoTime() - start);
                calls.add(bed.hubCalls());
                String answer = FargateHubBed.runs(browser, server, "print(6 * 7)");
                ran.add(System.nanoTime() - start);
                if (!answer.equals("42")) {
                    throw new IllegalStateException(person + "'s kernel answered " + answer);
                }
            }
        }
        return List.of(
                new Row(NAME, "spawn form sent → the person's server answers (" + PEOPLE.size() + " people in turn)",
                        medianSeconds(answered), ""),
                new Row(NAME, "spawn form sent → first kernel answer (print(6 * 7))", medianSeconds(ran), ""),
                new Row(NAME, "the hub's AWS calls for a person's first spawn (home folder made)",
                        calls.stream().map(UsersServersBenchmark::counted).distinct().collect(Collectors.joining("; ")),
                        ""));
    }

    /** "12: ECS.DescribeTasks 6, ..." */
    private static String counted(List<String> calls) {
        Map<String, Long> byCall = calls.stream().collect(Collectors.groupingBy(c -> c, TreeMap::new,
                Collectors.counting()));
        return calls.size() + " (" + byCall.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String medianSeconds(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.1f s (slowest %.1f s)", sorted.get(sorted.size() / 2) / 1e9,
                sorted.get(sorted.size() - 1) / 1e9);
    }

    private static List<Row> costs() {
        CostEstimator costs = new CostEstimator(PriceList.bundled());
        List<Row> rows = new ArrayList<>();
        for (int people : TEAMS) {
            Profile team = Profile.named("bench-costs").withHub(new HubSettings("", List.of("alice"), List.of(),
                    SignIn.FIRST_USE_PASSWORD, CognitoSettings.NONE, HubSettings.PORT, false, people));
            TaskSize oneTask = HubSizing.suggested(people, Architecture.X86_64);
            CostEstimate inTheHub = costs.estimate(team.withTask(oneTask));
            UserServers ownTasks = UserServers.DEFAULT.withPlacement(ServerPlacement.FARGATE)
                    .withHoursPerPersonPerWeek(5);
            CostEstimate perPerson = costs.estimate(team.withTask(UserServers.HUB_ALONE).withServers(ownTasks));
            rows.add(new Row(NAME, String.format(Locale.ROOT, "a month for %d people at 5 h a week each, %s: "
                            + "servers in the hub's one task (%s vCPU, %s GB, always on) / each in its own task "
                            + "(hub %s vCPU, %s GB + %s)", people, team.aws().region(), number(oneTask.vcpu()),
                    number(oneTask.memoryGb()), number(UserServers.HUB_ALONE.vcpu()),
                    number(UserServers.HUB_ALONE.memoryGb()), ownTasks.sizes().get(0).name()),
                    CostEstimate.dollars(inTheHub.monthlyTotal()) + " / "
                            + CostEstimate.dollars(perPerson.monthlyTotal()), ""));
        }
        return rows;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
