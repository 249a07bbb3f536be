package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.DnsRecord;
import dev.hubwizard.aws.HostedZones;
import dev.hubwizard.testbed.AwsCallRecorder;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Plays what moto cannot: the internet's DNS for the load balancer's name and the hub's domain, and the
 * Application Load Balancer itself. moto's load balancer has a DNS name that leads nowhere, and no domain of
 * the tests resolves; and the network rule keeps every test on loopback. So the test sends the app's own HTTP
 * client there through the JVM's standard proxy setting ({@link ProxySelector#setDefault}), for those names
 * only — production code keeps its default client and never learns it is under test:
 * <ul>
 *   <li>"DNS": a domain leads to the load balancer its Route 53 alias record names, as the app wrote it in
 *       moto; a load balancer's DNS name leads to itself. A name that leads nowhere gets no answer.</li>
 *   <li>"the load balancer": it behaves as its listeners in moto say — port 80 forwards or answers with the
 *       redirect to HTTPS; port 443 exists only with a listener that names an issued certificate for the host,
 *       and speaks TLS with a certificate for the domain that this class makes itself (ACM's private key
 *       never leaves ACM; the client trusts this one through the JVM's default SSL context while the test
 *       runs). Traffic goes to where the played Fargate task serves, 127.0.0.1:8000 — not to the target's
 *       registered address, which is moto's made-up private IP.</li>
 * </ul>
 */
final class LoadBalancerStandIn implements AutoCloseable {

    private static final String PASSWORD = "hub-wizard-test";
    private static final int TARGET_PORT = 8000;

    private final AwsClients aws;
    private final ServerSocket server;
    private final SSLContext serverTls;
    private final ProxySelector previousSelector;
    private final SSLContext previousTls;
    private final Thread acceptor;

    private LoadBalancerStandIn(AwsClients aws, SSLContext serverTls, SSLContext clientTls) throws IOException {
        this.aws = aws;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.serverTls = serverTls;
        this.previousSelector = ProxySelector.getDefault();
        try {
            this.previousTls = SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        SSLContext.setDefault(clientTls);
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return played(uri.getHost()) ? List.of(new Proxy(Proxy.Type.HTTP,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort())))
                        : previousSelector.select(uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                previousSelector.connectFailed(uri, address, e);
            }
        });
        this.acceptor = new Thread(this::accept, "load-balancer-stand-in");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts it for {@code domain}; HTTP clients built from now on (the hub-url step's, when its plan is made)
     * reach the load balancer and the domain through it.
     */
    static LoadBalancerStandIn start(AwsClients aws, String domain, Path directory) throws Exception {
        Path keyStore = Files.createTempDirectory(directory, "load-balancer").resolve("load-balancer.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + domain, "-ext", "SAN=dns:" + domain, "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        return new LoadBalancerStandIn(aws, serverTls, clientTls(keys.getCertificate("hub")));
    }

    /** The JDK's usual trusted certificates plus this load balancer's. */
    private static SSLContext clientTls(Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            trusted.load(in, null);
        }
        trusted.setCertificateEntry("hub-wizard-test-load-balancer", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Names only the internet could resolve: load balancers' and the tests' domains (never looked up here). */
    private static boolean played(String host) {
        return host != null && (host.endsWith(".elb.amazonaws.com") || host.endsWith("." + TeamOptions.ZONE));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread connection = new Thread(() -> serve(client), "load-balancer-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            String head = readHead(client.getInputStream());
            String[] request = head.substring(0, head.indexOf("\r\n")).split(" ");
            if ("CONNECT".equals(request[0])) {
                tunnel(client, request[1]);
            } else {
                plain(client, head, URI.create(request[1]));
            }
        } catch (IOException | RuntimeException e) {
            // A connection the client gave up on, or a name that leads nowhere: no answer, as on the internet.
        }
    }

    /** Port 80: the listener's redirect, or the request passed on to the hub. */
    private void plain(Socket client, String head, URI target) throws IOException {
        Listener listener = listener(target.getHost(), 80).orElseThrow();
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        if (listener.defaultActions().get(0).type() == ActionTypeEnum.REDIRECT) {
            client.getOutputStream().write(("HTTP/1.1 301 Moved Permanently\r\nLocation: https://" + target.getHost()
                    + path + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return;
        }
        // Origin-form for the hub, one request per connection so that each is seen here first.
        String forwarded = head.replaceFirst("^(\\S+) \\S+ ", "$1 " + path.replace("$", "\\$") + " ")
                .replaceAll("(?im)^connection:.*\r\n", "").replaceFirst("\r\n\r\n$", "\r\nConnection: close\r\n\r\n");
        try (Socket hub = new Socket(InetAddress.getLoopbackAddress(), TARGET_PORT)) {
            hub.getOutputStream().write(forwarded.getBytes(StandardCharsets.ISO_8859_1));
            pipe(client.getInputStream(), hub.getOutputStream());
            hub.getInputStream().transferTo(client.getOutputStream());
        }
    }

    /** Port 443: TLS with the domain's certificate, then the hub. */
    private void tunnel(Socket client, String authority) throws IOException {
        String host = authority.substring(0, authority.lastIndexOf(':'));
        int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
        Listener listener = listener(host, port).orElseThrow();
        String certificate = listener.certificates().get(0).certificateArn();
        var issued = AwsCallRecorder.offTheRecord(() -> aws.acm().describeCertificate(r -> r
                .certificateArn(certificate)).certificate());
        if (!"ISSUED".equals(issued.statusAsString()) || !host.equals(issued.domainName())) {
            throw new IllegalStateException("The listener's certificate is not issued for " + host);
        }
        client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        try (SSLSocket tls = (SSLSocket) serverTls.getSocketFactory().createSocket(client, null, true);
             Socket hub = new Socket(InetAddress.getLoopbackAddress(), TARGET_PORT)) {
            tls.setUseClientMode(false);
            tls.startHandshake();
            pipe(tls.getInputStream(), hub.getOutputStream());
            hub.getInputStream().transferTo(tls.getOutputStream());
        }
    }

    /** The load balancer a name leads to, and its listener on {@code port}. */
    private Optional<Listener> listener(String host, int port) {
        return AwsCallRecorder.offTheRecord(() -> {
            String dnsName = host.endsWith(".elb.amazonaws.com") ? host : aliasTarget(host).orElse("");
            Optional<LoadBalancer> balancer = aws.elbv2().describeLoadBalancers().loadBalancers().stream()
                    .filter(lb -> lb.dnsName().equalsIgnoreCase(dnsName)).findFirst();
            return balancer.flatMap(lb -> aws.elbv2().describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                    .listeners().stream().filter(l -> l.port() == port).findFirst());
        });
    }

    /** Where a domain's Route 53 alias record points. */
    private Optional<String> aliasTarget(String domain) {
        return aws.route53().listHostedZones().hostedZones().stream()
                .flatMap(z -> aws.route53().listResourceRecordSets(r -> r.hostedZoneId(HostedZones.id(z))).resourceRecordSets()
                        .stream())
                .filter(set -> DnsRecord.plain(set.name()).equals(domain.toLowerCase(Locale.ROOT))
                        && set.aliasTarget() != null)
                .map(ResourceRecordSet::aliasTarget).map(a -> DnsRecord.plain(a.dnsName())).findFirst();
    }

    /** Copies in the background until the source ends. */
    private static void pipe(InputStream from, OutputStream to) {
        Thread copier = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ended) {
                // The other side closed.
            }
        }, "load-balancer-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The connection closed before the request's head ended");
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Override
    public void close() throws IOException {
        ProxySelector.setDefault(previousSelector);
        SSLContext.setDefault(previousTls);
        server.close();
    }
}
