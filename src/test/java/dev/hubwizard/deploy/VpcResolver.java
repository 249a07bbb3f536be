package dev.hubwizard.deploy;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.docker.DockerClients;
import dev.hubwizard.testbed.AwsCallRecorder;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.route53.model.HostedZoneSummary;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a VPC's own DNS server (the Route 53 Resolver at the VPC's base address plus two) for the containers that
 * play its tasks: a name of a Route 53 private hosted zone associated with the task's VPC resolves to its A record's
 * address (a CNAME to its target's), as moto holds the zone now — an UPSERT reaches running containers within about
 * a second — and only while the VPC has both {@code enableDnsSupport} and {@code enableDnsHostnames} on, as AWS
 * documents for private hosted zones
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html). A name of a
 * zone associated with another VPC does not resolve.
 *
 * <p>The simplest faithful way that works for any image on host networking: the names are lines of the container's
 * {@code /etc/hosts}, which glibc (and so Python, curl, JupyterHub) reads on every lookup, rewritten in place (the
 * file is bind-mounted, so never renamed) by a root {@code docker exec} whenever the zones' answer changes; Docker's
 * own lines stay. Every other name would be the internet's, which the VPC's resolver asks on AWS and the test bed
 * never reaches: the container's only name server ({@link #withVpcDns}) is a loopback address where nothing
 * answers, so such a lookup fails at once on this machine instead of leaving it for the machine's own resolver.
 * Its AWS calls are AWS's own doing, so they are made off the {@link AwsCallRecorder}'s record.
 */
final class VpcResolver implements AutoCloseable {

    /** Where the containers' DNS lookups of other names go: a loopback address no test serves DNS on. */
    private static final String NO_INTERNET_DNS = "127.0.53.53";
    /** Marks the lines it writes, so that Docker's own stay when it writes them again. */
    private static final String MARK = "# VPC resolver (Route 53 private hosted zone)";
    /** Keeps every line but its own, then appends its own ($1), in the same file (a bind mount: no rename). */
    private static final String WRITE_HOSTS = "kept=$(grep -v -F '" + MARK + "' /etc/hosts); "
            + "printf '%s\\n%s' \"$kept\" \"$1\" > /etc/hosts && echo written";

    private final AwsClients aws;
    private final DockerClients docker;
    /** container id → the VPC its task runs in. */
    private final Map<String, String> containers = new ConcurrentHashMap<>();
    /** container id → the lines last written into it. */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService resolver = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "vpc-resolver");
        thread.setDaemon(true);
        return thread;
    });

    VpcResolver(AwsClients aws, DockerClients docker) {
        this.aws = aws;
        this.docker = docker;
        // Once a second: Route 53's own propagation to the resolvers takes about that long (its TTLs are longer).
        resolver.scheduleWithFixedDelay(this::followAll, 1, 1, TimeUnit.SECONDS);
    }

    /** A task container's host configuration with the VPC's resolver as its only name server. */
    static HostConfig withVpcDns(HostConfig host) {
        return host.withDns(NO_INTERNET_DNS).withDnsOptions(List.of("timeout:1", "attempts:1"));
    }

    /** The VPC of a task in {@code subnet}, as Fargate knows it from the task's network configuration. */
    String vpcOfSubnet(String subnet) {
        return AwsCallRecorder.offTheRecord(() -> aws.ec2().describeSubnets(r -> r.subnetIds(subnet)).subnets()
                .get(0).vpcId());
    }

    /**
     * From now on the running container {@code containerId} (made {@link #withVpcDns}) resolves the private names of
     * {@code vpcId}; the first names are in place when this returns.
     */
    void serve(String containerId, String vpcId) {
        containers.put(containerId, vpcId);
        AwsCallRecorder.offTheRecord(() -> follow(containerId, hostsLines(names(vpcId))));
    }

    /** Stops following a container (its task stopped). */
    void forget(String containerId) {
        containers.remove(containerId);
        written.remove(containerId);
    }

    /** What went wrong while playing the resolver: empty, or the test bed is to blame. */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /**
     * The names the VPC's resolver answers from private hosted zones, with their addresses: none while the VPC's DNS
     * support or DNS hostnames is off, or while the VPC is not (yet) known to EC2.
     */
    Map<String, String> names(String vpcId) {
        Map<String, String> names = new TreeMap<>();
        if (!attribute(vpcId, VpcAttributeName.ENABLE_DNS_SUPPORT)
                || !attribute(vpcId, VpcAttributeName.ENABLE_DNS_HOSTNAMES)) {
            return names;
        }
        Map<String, String> cnames = new TreeMap<>();
        for (HostedZoneSummary zone : aws.route53().listHostedZonesByVPC(r -> r.vpcId(vpcId)
                .vpcRegion(aws.region().id())).hostedZoneSummaries()) {
            for (ResourceRecordSet record : records(zone)) {
                if (record.type() == RRType.A && record.hasResourceRecords() && !record.resourceRecords().isEmpty()) {
                    names.put(plain(record.name()), record.resourceRecords().get(0).value());
                } else if (record.type() == RRType.CNAME && record.hasResourceRecords()
                        && !record.resourceRecords().isEmpty()) {
                    cnames.put(plain(record.name()), plain(record.resourceRecords().get(0).value()));
                }
            }
        }
        // A CNAME to a name the resolver answers resolves to that name's address (one step: enough for the test bed).
        cnames.forEach((name, target) -> Optional.ofNullable(names.get(target)).ifPresent(a -> names.put(name, a)));
        return names;
    }

    /** The zone's records; none once it is gone (a teardown deletes it while tasks still run). */
    private List<ResourceRecordSet> records(HostedZoneSummary zone) {
        try {
            return aws.route53().listResourceRecordSetsPaginator(r -> r.hostedZoneId(zone.hostedZoneId()))
                    .resourceRecordSets().stream().toList();
        } catch (NoSuchHostedZoneException gone) {
            return List.of();
        }
    }

    private boolean attribute(String vpcId, VpcAttributeName attribute) {
        try {
            var answer = aws.ec2().describeVpcAttribute(r -> r.vpcId(vpcId).attribute(attribute));
            var value = attribute == VpcAttributeName.ENABLE_DNS_SUPPORT ? answer.enableDnsSupport()
                    : answer.enableDnsHostnames();
            return value != null && Boolean.TRUE.equals(value.value());
        } catch (Ec2Exception notYetOrGone) {
            if (notYetOrGone.awsErrorDetails() != null
                    && "InvalidVpcID.NotFound".equals(notYetOrGone.awsErrorDetails().errorCode())) {
                return false;
            }
            throw notYetOrGone;
        }
    }

    private void followAll() {
        try {
            AwsCallRecorder.offTheRecord(() -> {
                Map<String, String> linesByVpc = new HashMap<>();
                for (Map.Entry<String, String> container : List.copyOf(containers.entrySet())) {
                    String lines = linesByVpc.computeIfAbsent(container.getValue(), v -> hostsLines(names(v)));
                    follow(container.getKey(), lines);
                }
            });
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /**
     * Writes the container's lines when they changed; a container that is gone or stopping is left alone. One write at
     * a time, so that none reads the file while another has just emptied it.
     */
    private synchronized void follow(String containerId, String lines) {
        if (lines.equals(written.get(containerId)) || !containers.containsKey(containerId)) {
            return;
        }
        String answer;
        try {
            answer = TaskContainer.exec(docker, containerId, "0", "sh", "-c", WRITE_HOSTS, "sh", lines);
        } catch (NotFoundException | ConflictException stoppedOrGone) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!answer.equals("written")) {
            if (running(containerId)) {
                throw new IllegalStateException("could not write the VPC's names into " + containerId
                        + "'s /etc/hosts: " + answer);
            }
            return;
        }
        written.put(containerId, lines);
    }

    private boolean running(String containerId) {
        try {
            return Boolean.TRUE.equals(docker.client().inspectContainerCmd(containerId).exec().getState().getRunning());
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private static String hostsLines(Map<String, String> names) {
        List<String> lines = new ArrayList<>();
        names.forEach((name, address) -> lines.add(address + "\t" + name + "\t" + MARK));
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }

    /** A record's name as a resolver is asked for it: no trailing dot, lower case. */
    private static String plain(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    @Override
    public void close() {
        resolver.shutdown();
        try {
            resolver.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
