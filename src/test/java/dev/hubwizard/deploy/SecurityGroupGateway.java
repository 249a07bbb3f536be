package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.testbed.AwsCallRecorder;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A played Fargate task's public address, with its security groups in front, as AWS plays them: a connection to
 * the task's public address and port 8000 reaches the hub (at 127.0.0.1:8000, where the played task serves) only
 * when a rule of the groups of the task's network interface, as they stand in moto at that moment, admits its
 * source; otherwise it is dropped without an answer.
 *
 * <p>On loopback every connection comes from 127.x, so sources are played too: a connection from
 * {@link #CLOUDFRONT_SOURCE} (the address the edge's stand-in sends from) comes from one of CloudFront's
 * origin-facing addresses, taken from AWS's managed prefix list in moto; any other comes from
 * {@link #VIEWER_ADDRESS}, a person on the internet inside the test profiles' address range.
 */
final class SecurityGroupGateway implements AutoCloseable {

    /** Where the edge's stand-in connects from (nginx's {@code proxy_bind}). */
    static final String CLOUDFRONT_SOURCE = "127.77.0.1";
    /** A person's address on the internet: inside the test profiles' range (203.0.113.0/24). */
    static final String VIEWER_ADDRESS = "203.0.113.7";
    private static final int HUB_PORT = 8000;
    private static final String CLOUDFRONT_LIST = "com.amazonaws.global.cloudfront.origin-facing";

    private final AwsClients aws;
    private final String networkInterfaceId;
    private final ServerSocket server;
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> admitted = new CopyOnWriteArrayList<>();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private SecurityGroupGateway(AwsClients aws, String networkInterfaceId, ServerSocket server) {
        this.aws = aws;
        this.networkInterfaceId = networkInterfaceId;
        this.server = server;
        Thread acceptor = new Thread(this::accept, "security-group-" + networkInterfaceId);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The task's public side on {@code publicAddress}:8000, for the task whose interface is {@code networkInterfaceId}. */
    static SecurityGroupGateway open(AwsClients aws, String publicAddress, String networkInterfaceId)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(publicAddress), HUB_PORT), 50);
        return new SecurityGroupGateway(aws, networkInterfaceId, server);
    }

    /** The task's public address and port, as a URL: {@code http://127.77.1.N:8000/}. */
    URI url() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + HUB_PORT + "/");
    }

    /** The played sources turned away, in order ("203.0.113.7"). */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** The played sources let in. */
    List<String> admitted() {
        return List.copyOf(admitted);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread connection = new Thread(() -> serve(client), "security-group-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        String source = played(client.getInetAddress().getHostAddress());
        open.add(client);
        try (client) {
            if (!admits(source)) {
                refused.add(source);
                // Dropped: the client never gets an answer.
                client.setSoLinger(true, 0);
                return;
            }
            admitted.add(source);
            try (Socket hub = new Socket(InetAddress.getLoopbackAddress(), HUB_PORT)) {
                Thread up = pipe(client.getInputStream(), hub.getOutputStream(), hub);
                pipe(hub.getInputStream(), client.getOutputStream(), client).join();
                up.join(1000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // A connection that ended, or an interface that went with its task.
        } finally {
            open.remove(client);
        }
    }

    /** The address AWS would see the connection come from. */
    private String played(String loopbackSource) {
        return CLOUDFRONT_SOURCE.equals(loopbackSource) ? cloudFrontAddress() : VIEWER_ADDRESS;
    }

    /** The first address of CloudFront's first origin-facing range. */
    private String cloudFrontAddress() {
        return AwsCallRecorder.offTheRecord(() -> {
            String list = aws.ec2().describeManagedPrefixLists(r -> r.filters(f -> f.name("prefix-list-name")
                    .values(CLOUDFRONT_LIST))).prefixLists().get(0).prefixListId();
            String cidr = aws.ec2().getManagedPrefixListEntries(r -> r.prefixListId(list)).entries().get(0).cidr();
            String[] octets = cidr.substring(0, cidr.indexOf('/')).split("\\.");
            return octets[0] + "." + octets[1] + "." + octets[2] + "." + (Integer.parseInt(octets[3]) + 1);
        });
    }

    /** Whether a rule of the interface's groups lets {@code source} in on port 8000, as the groups are now. */
    private boolean admits(String source) {
        return AwsCallRecorder.offTheRecord(() -> {
            NetworkInterface eni = aws.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(networkInterfaceId))
                    .networkInterfaces().get(0);
            List<String> groupIds = eni.groups().stream().map(GroupIdentifier::groupId).toList();
            for (SecurityGroup group : aws.ec2().describeSecurityGroups(r -> r.groupIds(groupIds)).securityGroups()) {
                for (IpPermission rule : group.ipPermissions()) {
                    if (!covers(rule)) {
                        continue;
                    }
                    if (rule.ipRanges().stream().anyMatch(r -> contains(r.cidrIp(), source))) {
                        return true;
                    }
                    for (var list : rule.prefixListIds()) {
                        if (aws.ec2().getManagedPrefixListEntries(r -> r.prefixListId(list.prefixListId())).entries()
                                .stream().anyMatch(e -> contains(e.cidr(), source))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        });
    }

    private static boolean covers(IpPermission rule) {
        return "-1".equals(rule.ipProtocol()) || "tcp".equals(rule.ipProtocol()) && rule.fromPort() != null
                && rule.fromPort() <= HUB_PORT && HUB_PORT <= rule.toPort();
    }

    /** IPv4 CIDR containment. */
    static boolean contains(String cidr, String address) {
        String[] parts = cidr.split("/");
        if (parts[0].contains(":") || address.contains(":")) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (value(parts[0]) & mask) == (value(address) & mask);
    }

    private static long value(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static Thread pipe(InputStream from, OutputStream to, Socket closeAfter) {
        Thread copier = new Thread(() -> {
            try {
                from.transferTo(to);
                closeAfter.shutdownOutput();
            } catch (IOException ended) {
                // The other side closed.
            }
        }, "security-group-pipe");
        copier.setDaemon(true);
        copier.start();
        return copier;
    }

    /** The task is gone: its address stops answering, and its connections (kernels' WebSockets) end. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : open) {
            connection.close();
        }
    }
}
