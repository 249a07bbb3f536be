package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * The hub's address: the service's running task, its network interface, that interface's public IP;
 * then {@code http://IP:8000/hub/health} is polled until it answers 200. Behind a load balancer the address
 * is the stable one instead, polled once the load balancer finds the task healthy. A task that stopped
 * instead is explained with its reason and last log lines.
 */
public final class HubEndpoint {

    static final String HEALTH_PATH = "/hub/health";
    private static final Duration POLL_EVERY = Duration.ofSeconds(1);
    private static final Duration CHECK_TASK_EVERY = Duration.ofSeconds(15);
    private static final Duration TASK_APPEARS_EVERY = Duration.ofSeconds(2);

    private final AwsClients aws;
    private final StoppedTasks stoppedTasks;
    private final Duration timeout;
    /**
     * HTTP/1.1: Java's default HTTP/2 attempt sends "Upgrade: h2c" on plain HTTP, which the hub's
     * configurable-http-proxy takes for a WebSocket and never answers, so the health check would time out
     * against a hub that is up.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param timeout how long the task may take to run and the hub to answer (JupyterHub starts in seconds) */
    public HubEndpoint(AwsClients aws, StoppedTasks stoppedTasks, Duration timeout) {
        this.aws = aws;
        this.stoppedTasks = stoppedTasks;
        this.timeout = timeout;
    }

    public HubAddress waitUntilHealthy(StepContext ctx, String cluster, String service)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Task task = runningTask(ctx, cluster, service);
        String ip = publicAddress(task).ip();
        HubAddress address = new HubAddress(ip, URI.create("http://" + ip + ":" + SecurityGroups.HUB_PORT + "/"));
        ctx.log().info("The hub's task " + StoppedTasks.taskId(task) + " runs at " + ip + "; waiting for "
                + address.url().resolve(HEALTH_PATH));
        poll(ctx, cluster, task, address.url(), (health, lastAnswer) -> new ProblemException(
                "The hub does not answer at " + address.url(),
                "its task runs, but " + health + " gave " + lastAnswer + " for " + timeout.toSeconds()
                        + " s. Port " + SecurityGroups.HUB_PORT + " is open only to the profile's address "
                        + "range: if this computer's public address is outside it, the hub is there but "
                        + "out of reach",
                "Check the allowed address range in the network settings (and any VPN or proxy), "
                        + "then press Retry"));
        return address;
    }

    /**
     * The hub behind its load balancer: the service's task, then the load balancer's own health check of it
     * (the SDK's target-in-service waiter on the target group), then {@code url}'s {@code /hub/health} from
     * this computer, which also proves that the address (and with a domain, its DNS and certificate) works.
     *
     * @param url the stable address: {@code https://DOMAIN/} or {@code http://LOAD-BALANCER-DNS/}
     */
    public HubAddress waitUntilHealthyBehind(StepContext ctx, String cluster, String service, String targetGroupArn,
                                             URI url)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Task task = runningTask(ctx, cluster, service);
        String privateIp = detail(task, "privateIPv4Address").orElseThrow(() -> new ProblemException(
                "The hub's task has no address yet", "ECS has not attached a network interface to task "
                + StoppedTasks.taskId(task), "Press Retry in a moment"));
        ctx.log().info("The hub's task " + StoppedTasks.taskId(task) + " runs at " + privateIp
                + " in the VPC; waiting until the load balancer finds it healthy");
        waitForTarget(ctx, cluster, task, targetGroupArn, privateIp);
        ctx.log().info("The load balancer sends users to the hub; waiting for " + url.resolve(HEALTH_PATH));
        poll(ctx, cluster, task, url, (health, lastAnswer) -> new ProblemException(
                "The hub does not answer at " + url,
                "the load balancer finds the hub healthy, but " + health + " gave " + lastAnswer + " for "
                        + timeout.toSeconds() + " s here. The load balancer is open only to the profile's address "
                        + "range; and a domain reaches it only once its DNS record does (new records can take "
                        + "minutes to reach this computer)",
                "Check that " + url.getHost() + " points at the load balancer and that this computer's address is "
                        + "in the allowed range, then press Retry"));
        return new HubAddress("", url);
    }

    /**
     * The hub behind its CloudFront distribution, at {@code https://dXXXX.cloudfront.net/}: the service's task;
     * without a load balancer the distribution is pointed at the task's public DNS name (the function the origin
     * updater runs may have done so already), with one the load balancer's health check of the task is waited for;
     * then CloudFront's deployment of the change to its edge locations (minutes), then {@code /hub/health} at the
     * HTTPS address from this computer.
     *
     * @param targetGroupArn the load balancer's target group when CloudFront is in front of one; empty when the
     *                       distribution reaches the task itself
     */
    public HubAddress waitUntilHealthyAtEdge(StepContext ctx, String cluster, String service,
                                             HubDistribution distribution, Distributions distributions,
                                             String targetGroupArn)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Task task = runningTask(ctx, cluster, service);
        String ip = "";
        if (targetGroupArn.isEmpty()) {
            PublicAddress address = publicAddress(task);
            if (address.dnsName().isEmpty()) {
                throw new ProblemException("The hub's task has no public DNS name",
                        "CloudFront reaches the task by its public DNS name, and its network interface got none "
                                + "(the VPC's \"DNS hostnames\" setting is off)",
                        "Turn on DNS hostnames for the hub's VPC in the VPC console, or choose 'A VPC of its own' "
                                + "in the network settings, then deploy again");
            }
            ip = address.ip();
            ctx.log().info("The hub's task " + StoppedTasks.taskId(task) + " runs at " + address.dnsName() + " ("
                    + ip + ")");
            distributions.pointOrigin(ctx, distribution.id(), address.dnsName());
        } else {
            String privateIp = detail(task, "privateIPv4Address").orElseThrow(() -> new ProblemException(
                    "The hub's task has no address yet", "ECS has not attached a network interface to task "
                    + StoppedTasks.taskId(task), "Press Retry in a moment"));
            ctx.log().info("The hub's task " + StoppedTasks.taskId(task) + " runs at " + privateIp
                    + " in the VPC; waiting until the load balancer finds it healthy");
            waitForTarget(ctx, cluster, task, targetGroupArn, privateIp);
        }
        ctx.log().info("Waiting until CloudFront has deployed " + distribution.domainName() + " to its edge locations "
                + "(usually 2 to 5 minutes after a change, 5 to 15 for a new address)");
        distributions.waitUntilDeployed(ctx, distribution.id(), Distributions.DEPLOY_TIMEOUT);
        URI url = distribution.url();
        ctx.log().info("CloudFront has deployed the address; waiting for " + url.resolve(HEALTH_PATH));
        poll(ctx, cluster, task, url, (health, lastAnswer) -> new ProblemException(
                "The hub does not answer at " + url,
                "CloudFront has deployed the address, but " + health + " gave " + lastAnswer + " for "
                        + timeout.toSeconds() + " s. CloudFront answers 502 or 504 while it cannot reach the hub: the "
                        + "hub's port is open to CloudFront's addresses only, and the hub must be up",
                "Read the hub's log lines above (a hub that does not start never answers), then press Retry"));
        return new HubAddress(ip, url);
    }

    /** Why the health check failed, as a problem: {@code (health URL, last answer) -> problem}. */
    private interface Unreachable {
        ProblemException problem(URI health, String lastAnswer);
    }

    private void poll(StepContext ctx, String cluster, Task task, URI url, Unreachable unreachable)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        URI health = url.resolve(HEALTH_PATH);
        Instant deadline = Instant.now().plus(timeout);
        Instant nextTaskCheck = Instant.now().plus(CHECK_TASK_EVERY);
        String lastAnswer = "no answer yet";
        while (true) {
            ctx.throwIfCancelled();
            Optional<Integer> status = get(health);
            if (status.isPresent() && status.get() == 200) {
                ctx.log().info("The hub answers at " + url);
                return;
            }
            lastAnswer = status.map(s -> "HTTP " + s).orElse("no answer");
            if (Instant.now().isAfter(nextTaskCheck)) {
                nextTaskCheck = Instant.now().plus(CHECK_TASK_EVERY);
                failIfStopped(ctx, cluster, task);
            }
            if (Instant.now().isAfter(deadline)) {
                failIfStopped(ctx, cluster, task);
                throw unreachable.problem(health, lastAnswer);
            }
            ctx.pause(POLL_EVERY);
        }
    }

    /** The SDK's target-in-service waiter; a target that stays unhealthy is explained with ELB's reason. */
    private void waitForTarget(StepContext ctx, String cluster, Task task, String targetGroupArn, String ip)
            throws ProblemException, Cancellation.CancelledException {
        DescribeTargetHealthRequest request = DescribeTargetHealthRequest.builder().targetGroupArn(targetGroupArn)
                .targets(t -> t.id(ip).port(SecurityGroups.HUB_PORT)).build();
        try (ElasticLoadBalancingV2Waiter waiter = aws.elbv2().waiter()) {
            waiter.waitUntilTargetInService(request, Waits.upTo(timeout, Duration.ofSeconds(10)));
        } catch (AwsServiceException e) {
            throw AwsProblems.explain("elasticloadbalancing:DescribeTargetHealth", e);
        } catch (SdkClientException e) {
            ctx.throwIfCancelled();
            failIfStopped(ctx, cluster, task);
            Optional<TargetHealth> health = call("elasticloadbalancing:DescribeTargetHealth", () -> aws.elbv2()
                    .describeTargetHealth(request).targetHealthDescriptions().stream().findFirst()
                    .map(d -> d.targetHealth()));
            String said = health.map(h -> h.stateAsString() + (h.description() == null ? "" : ": "
                    + h.description())).orElse("no answer");
            throw new ProblemException(new Problem("The load balancer does not find the hub healthy",
                    "its health check of " + HEALTH_PATH + " on the task " + ip + " says " + said + " after "
                            + timeout.toSeconds() + " s",
                    "Read the hub's log lines above (a hub that does not start never answers), then press Retry"), e);
        }
    }

    /** The newest task running the service's current revision, waited for if it is still starting. */
    private Task runningTask(StepContext ctx, String cluster, String service)
            throws ProblemException, Cancellation.CancelledException {
        String current = call("ecs:DescribeServices", () -> aws.ecs().describeServices(r -> r.cluster(cluster)
                .services(service)).services().stream().findFirst().map(s -> s.taskDefinition()).orElse(""));
        // Right after a deployment ECS may call the service stable a moment before it lists the new
        // task: wait for it (within the step's time) rather than fail on the first look.
        Instant deadline = Instant.now().plus(timeout);
        Optional<Task> newest = newestRunning(cluster, service, current);
        if (newest.isEmpty()) {
            ctx.log().info("Waiting for ECS to start the task of " + service);
        }
        while (newest.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                ctx.pause(TASK_APPEARS_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancellation.CancelledException();
            }
            newest = newestRunning(cluster, service, current);
        }
        if (newest.isEmpty()) {
            Optional<StoppedTask> stopped = stoppedTasks.latest(cluster, service, ctx.log());
            if (stopped.isPresent()) {
                throw new ProblemException(stopped.get().problem());
            }
            throw new ProblemException("No task of the service " + service + " is running",
                    "ECS has not started the hub's task (yet)", "Wait a minute, then press Retry");
        }
        Task task = newest.get();
        if (!"RUNNING".equals(task.lastStatus())) {
            ctx.log().info("Task " + StoppedTasks.taskId(task) + " is " + task.lastStatus() + "; waiting for RUNNING");
            WaiterOverrideConfiguration waiting = WaiterOverrideConfiguration.builder().waitTimeout(timeout)
                    .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(6))).build();
            try (EcsWaiter waiter = aws.ecs().waiter()) {
                task = waiter.waitUntilTasksRunning(DescribeTasksRequest.builder().cluster(cluster)
                        .tasks(newest.get().taskArn()).build(), waiting).matched().response().orElseThrow()
                        .tasks().get(0);
            } catch (AwsServiceException e) {
                throw AwsProblems.explain("ecs:DescribeTasks", e);
            } catch (SdkClientException e) {
                // The waiter's failure state is a task that STOPPED: say why.
                ctx.throwIfCancelled();
                failIfStopped(ctx, cluster, newest.get());
                throw new ProblemException(new Problem("The hub's task did not start",
                        "it was not RUNNING after " + timeout.toSeconds() + " s", "Press Retry"), e);
            }
        }
        return task;
    }

    private Optional<Task> newestRunning(String cluster, String service, String taskDefinition)
            throws ProblemException {
        return stoppedTasks.tasks(cluster, service, DesiredStatus.RUNNING).stream()
                .filter(t -> taskDefinition.equals(t.taskDefinitionArn()))
                .max(Comparator.comparing(t -> t.createdAt() == null ? Instant.EPOCH : t.createdAt()));
    }

    /** A detail of the task's network interface attachment ({@code networkInterfaceId}, {@code privateIPv4Address}). */
    private static Optional<String> detail(Task task, String name) {
        return task.attachments().stream()
                .filter(a -> "ElasticNetworkInterface".equals(a.type()))
                .flatMap(a -> a.details().stream())
                .filter(d -> name.equals(d.name()))
                .map(KeyValuePair::value).findFirst();
    }

    /** A task's public IP and the public DNS name its VPC gave it (empty with DNS host names off). */
    private record PublicAddress(String ip, String dnsName) {
    }

    private PublicAddress publicAddress(Task task) throws ProblemException {
        Optional<String> eni = detail(task, "networkInterfaceId");
        if (eni.isEmpty()) {
            throw new ProblemException("The hub's task has no network interface yet",
                    "ECS has not attached one to task " + StoppedTasks.taskId(task), "Press Retry in a moment");
        }
        Optional<PublicAddress> address = call("ec2:DescribeNetworkInterfaces", () -> aws.ec2()
                .describeNetworkInterfacesPaginator(r -> r.networkInterfaceIds(eni.get())).networkInterfaces()
                .stream().findFirst()
                .flatMap(n -> Optional.ofNullable(n.association()).filter(a -> a.publicIp() != null)
                        .map(a -> new PublicAddress(a.publicIp(), a.publicDnsName() == null ? ""
                                : a.publicDnsName()))));
        return address.orElseThrow(() -> new ProblemException("The hub's task has no public IP address",
                "its network interface " + eni.get() + " got no public address, so nobody outside the VPC can "
                        + "reach it",
                "The service must assign public IPs in public subnets ('A VPC of its own' does both); "
                        + "check the network settings, then deploy again"));
    }

    private void failIfStopped(StepContext ctx, String cluster, Task task) throws ProblemException {
        Task now = call("ecs:DescribeTasks", () -> aws.ecs().describeTasks(r -> r.cluster(cluster)
                .tasks(task.taskArn())).tasks().stream().findFirst().orElse(task));
        if ("STOPPED".equals(now.lastStatus())) {
            throw new ProblemException(stoppedTasks.explain(now, ctx.log()).problem());
        }
    }

    /** The health endpoint's HTTP status, or empty when nothing answered. */
    private Optional<Integer> get(URI uri) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return Optional.of(response.statusCode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
