package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.Requirements;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.EventType;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.Method;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * CloudFront's edge, played on this machine by Debian's nginx: a TLS reverse proxy on loopback, configured from
 * each distribution as the app left it in moto, and configured again whenever that changes (as CloudFront deploys
 * a change to its edge locations). What it plays, setting by setting:
 * <ul>
 *   <li>the viewer side: {@code https://dXXXX.cloudfront.net} with a certificate for {@code *.cloudfront.net}
 *       from a test CA that the test's clients (and the app's, through the JVM's default SSL context) trust;
 *       plain HTTP answered as the viewer protocol policy says ({@code redirect-to-https}: 301 to HTTPS);
 *       methods outside the allowed ones refused (403); a disabled distribution answers 403;</li>
 *   <li>the cache policy: only CachingDisabled is played (nothing is stored); any other is refused, loudly;</li>
 *   <li>the origin request policy: AllViewer passes every header, the browser's {@code Host} among them, every
 *       cookie and query string; AllViewerExceptHostHeader sends the origin's name as {@code Host} instead; any
 *       other is refused. WebSocket upgrades pass as CloudFront passes them;</li>
 *   <li>viewer functions: each viewer-request function associated with the behaviour runs in nginx's njs (the
 *       JavaScript engine CloudFront Functions are built on), with the code the distribution's function holds at
 *       its LIVE stage in moto and an event carrying the viewer's address ({@code $remote_addr}; see
 *       {@link #viewersFrom}); a response it returns is the viewer's answer, the request it returns unchanged
 *       goes on to the origin; a function that changes the request, or another event type, is refused;</li>
 *   <li>the origin: its DNS name is resolved the way the internet would, here from moto: a task's public DNS
 *       name leads to the task's public address (its {@link SecurityGroupGateway}, which plays its security
 *       groups); a name that leads nowhere (such as {@code hub-not-started.invalid}, or a task that is gone)
 *       answers 502, as CloudFront does. nginx connects from {@link SecurityGroupGateway#CLOUDFRONT_SOURCE},
 *       which the gateways take for one of CloudFront's origin-facing addresses. The origin's read timeout
 *       and HTTP port are the distribution's.</li>
 * </ul>
 * The app's and the test's HTTP clients reach {@code *.cloudfront.net} through the JVM's standard proxy setting
 * ({@link ProxySelector#setDefault}), for those names only: production code keeps its default client. Other
 * HTTPS names a test plays (Cognito's hosted UI) get certificates from the same test CA ({@link #certify}) and
 * are reached the same way ({@link #resolve}).
 */
public final class CloudFrontEdge implements AutoCloseable {

    /** AWS's managed cache policy CachingDisabled and origin request policies AllViewer(ExceptHostHeader). */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";
    private static final String ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path NJS = Path.of("/usr/lib/nginx/modules/ngx_http_js_module.so");
    /**
     * How the edge calls a CloudFront function, appended to its code: CloudFront's viewer-request event from the
     * nginx request, then the function's answer played.
     */
    private static final String VIEWER_REQUEST = """

            // Hub Wizard's edge stand-in: CloudFront's viewer-request event, and the function's answer played.
            function viewerRequest(r) {
                var headers = {};
                for (var name in r.headersIn) {
                    headers[name.toLowerCase()] = {value: r.headersIn[name]};
                }
                var querystring = {};
                for (var key in r.args) {
                    querystring[key] = {value: r.args[key]};
                }
                var request = {method: r.method, uri: r.uri, querystring: querystring, headers: headers, cookies: {}};
                var result = handler({version: '1.0', context: {eventType: 'viewer-request'},
                    viewer: {ip: r.remoteAddress}, request: request});
                if (result === request) {
                    r.internalRedirect('@origin');
                } else if (result && result.statusCode !== undefined) {
                    var answer = result.headers || {};
                    for (var header in answer) {
                        r.headersOut[header] = answer[header].value;
                    }
                    r.return(result.statusCode, result.body ? result.body.data : '');
                } else {
                    r.return(500, 'the edge stand-in does not play a function that changes the request');
                }
            }
            export default {viewerRequest};
            """;
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Duration DEPLOY_EVERY = Duration.ofMillis(300);

    private final AwsClients aws;
    private final Path prefix;
    private final int httpsPort;
    private final int httpPort;
    private final Process nginx;
    private final ServerSocket route;
    private final ProxySelector previousSelector;
    private final SSLContext previousTls;
    private final Thread deployer;
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Where the test's clients reach nginx from: the viewer's address CloudFront sees. */
    private volatile InetAddress viewer = InetAddress.getLoopbackAddress();
    /** Other HTTPS names the test plays, and where their servers listen. */
    private final Map<String, InetSocketAddress> names = new ConcurrentHashMap<>();
    private volatile String deployed = "";
    private volatile boolean closed;

    private CloudFrontEdge(AwsClients aws, Path prefix, SSLContext clientTls) throws IOException, InterruptedException {
        this.aws = aws;
        this.prefix = prefix;
        this.httpsPort = freePort();
        this.httpPort = freePort();
        for (String folder : List.of("logs", "temp")) {
            Files.createDirectories(prefix.resolve(folder));
        }
        deployed = render();
        Files.writeString(prefix.resolve("nginx.conf"), deployed);
        this.nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", "nginx.conf", "-g",
                "daemon off;").redirectErrorStream(true).redirectOutput(prefix.resolve("logs/nginx.out").toFile())
                .start();
        awaitListening(httpsPort);
        this.route = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
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
                return played(uri.getHost()) || names.containsKey(String.valueOf(uri.getHost())
                        .toLowerCase(Locale.ROOT)) ? List.of(new Proxy(Proxy.Type.HTTP,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), route.getLocalPort())))
                        : previousSelector.select(uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                previousSelector.connectFailed(uri, address, e);
            }
        });
        Thread router = new Thread(this::acceptRoutes, "cloudfront-edge-route");
        router.setDaemon(true);
        router.start();
        this.deployer = new Thread(this::deployChanges, "cloudfront-edge-deployer");
        deployer.setDaemon(true);
        deployer.start();
    }

    /**
     * Starts the edge; HTTP clients built from now on (the hub URL step's, when its plan is made) reach
     * {@code *.cloudfront.net} through it. Skips the test (fails it under CI) without nginx or openssl.
     */
    public static CloudFrontEdge start(AwsClients aws, Path directory) throws Exception {
        Requirements.require(Files.isExecutable(NGINX), "Debian's nginx (" + NGINX + "), which plays CloudFront's "
                + "edge", "apt-get install nginx (.ci/services/37-edge.sh installs it without starting it)");
        Requirements.require(Files.isRegularFile(NJS), "nginx's njs module (" + NJS + "), which runs CloudFront "
                + "functions at the edge", "apt-get install libnginx-mod-http-js (.ci/services/37-edge.sh installs it)");
        Requirements.require(Files.isExecutable(OPENSSL), "openssl, which makes the edge's test certificates",
                "apt-get install openssl");
        Path prefix = Files.createTempDirectory(directory, "cloudfront-edge");
        return new CloudFrontEdge(aws, prefix, certificates(prefix));
    }

    /** What the edge refused to play (settings it does not know), for the test's failure message; empty is good. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * A server certificate for {@code host} from the edge's test CA, as a server's SSL context: the test's clients
     * trust it as they trust the edge.
     */
    public SSLContext certify(String host) throws Exception {
        String file = host.replaceAll("[^A-Za-z0-9.-]", "_");
        openssl(prefix, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", file + ".key", "-out", file + ".csr",
                "-subj", "/CN=" + host);
        Files.writeString(prefix.resolve(file + ".ext"), "subjectAltName=DNS:" + host + "\n"
                + "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        openssl(prefix, "x509", "-req", "-in", file + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", file + ".crt", "-days", "2", "-extfile", file + ".ext");
        char[] password = "test-only".toCharArray();
        openssl(prefix, "pkcs12", "-export", "-in", file + ".crt", "-inkey", file + ".key", "-out", file + ".p12",
                "-passout", "pass:" + new String(password));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(prefix.resolve(file + ".p12"))) {
            keys.load(in, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** The test CA's certificate (PEM), for clients outside this JVM: the hub's container. */
    public Path authority() {
        return prefix.resolve("ca.crt");
    }

    /**
     * From now on the test's clients reach the edge from {@code address} (a loopback address), the viewer's
     * address that CloudFront's functions see; until then from 127.0.0.1. Connections already open keep theirs.
     */
    public void viewersFrom(InetAddress address) {
        viewer = address;
    }

    /** Plays DNS for the test's HTTPS clients: {@code host} leads to {@code server} (HTTPS only). */
    public void resolve(String host, InetSocketAddress server) {
        names.put(host.toLowerCase(Locale.ROOT), server);
    }

    /** The nginx configuration deployed now, for a failure message. */
    String deployedConfiguration() {
        return deployed;
    }

    /**
     * A test CA, the edge's certificate for {@code *.cloudfront.net} signed by it, and a client SSL context that
     * trusts the JDK's usual CAs and this one.
     */
    private static SSLContext certificates(Path prefix) throws Exception {
        Path ca = prefix.resolve("ca.crt");
        openssl(prefix, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=Hub Wizard test edge CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl(prefix, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "edge.key", "-out", "edge.csr", "-subj",
                "/CN=*.cloudfront.net");
        Files.writeString(prefix.resolve("edge.ext"), "subjectAltName=DNS:*.cloudfront.net\n"
                + "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        openssl(prefix, "x509", "-req", "-in", "edge.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "edge.crt", "-days", "2", "-extfile", "edge.ext");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            trusted.load(in, null);
        }
        try (InputStream in = Files.newInputStream(ca)) {
            trusted.setCertificateEntry("hub-wizard-test-edge-ca",
                    CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void openssl(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    /** Every distribution as it stands in moto, as nginx configuration. */
    private String render() {
        StringBuilder conf = new StringBuilder();
        String logs = prefix.resolve("logs").toString();
        String temp = prefix.resolve("temp").toString();
        // As root nginx would run its worker as nobody, who cannot enter the test's private folders.
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("user root;\n");
        }
        conf.append("load_module ").append(NJS).append(";\n");
        conf.append("worker_processes 1;\npid ").append(logs).append("/nginx.pid;\nerror_log ").append(logs)
                .append("/error.log info;\n");
        conf.append("events { worker_connections 256; }\n");
        conf.append("http {\n  access_log ").append(logs).append("/access.log;\n");
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            conf.append("  ").append(kind).append("_temp_path ").append(temp).append('/').append(kind).append(";\n");
        }
        // WebSocket upgrades pass through, as CloudFront passes them.
        conf.append("  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n");
        conf.append("  server { listen 127.0.0.1:").append(httpsPort).append(" ssl default_server; ssl_certificate ")
                .append(prefix.resolve("edge.crt")).append("; ssl_certificate_key ").append(prefix.resolve("edge.key"))
                .append("; return 421; }\n");
        conf.append("  server { listen 127.0.0.1:").append(httpPort).append(" default_server; return 421; }\n");
        Map<String, Path> functions = new java.util.TreeMap<>();
        StringBuilder servers = new StringBuilder();
        AwsCallRecorder.offTheRecord(() -> {
            for (DistributionSummary summary : aws.cloudFront().listDistributions().distributionList().items()) {
                DistributionConfig config = aws.cloudFront().getDistributionConfig(r -> r.id(summary.id()))
                        .distributionConfig();
                servers.append(server(summary.domainName(), config, functions));
            }
        });
        functions.forEach((module, file) -> conf.append("  js_import ").append(module).append(" from ").append(file)
                .append(";\n"));
        conf.append(servers);
        return conf.append("}\n").toString();
    }

    /** One distribution: its viewer side on both ports, and how it reaches its origin. */
    private String server(String domain, DistributionConfig config, Map<String, Path> functions) {
        StringBuilder conf = new StringBuilder();
        DefaultCacheBehavior behavior = config.defaultCacheBehavior();
        String viewer = behavior.viewerProtocolPolicyAsString();
        conf.append("  server { listen 127.0.0.1:").append(httpPort).append("; server_name ").append(domain)
                .append(";\n");
        conf.append("redirect-to-https".equals(viewer) ? "    return 301 https://$host$request_uri;\n"
                : "https-only".equals(viewer) ? "    return 403;\n" : location(config, behavior, functions));
        conf.append("  }\n");
        conf.append("  server { listen 127.0.0.1:").append(httpsPort).append(" ssl; server_name ").append(domain)
                .append("; ssl_certificate ").append(prefix.resolve("edge.crt")).append("; ssl_certificate_key ")
                .append(prefix.resolve("edge.key")).append(";\n");
        conf.append(location(config, behavior, functions)).append("  }\n");
        return conf.toString();
    }

    private String location(DistributionConfig config, DefaultCacheBehavior behavior, Map<String, Path> functions) {
        if (!Boolean.TRUE.equals(config.enabled())) {
            return "    return 403;\n";
        }
        if (!CACHING_DISABLED.equals(behavior.cachePolicyId())) {
            return refused("cache policy " + behavior.cachePolicyId() + " (the edge plays CachingDisabled only)");
        }
        String host;
        if (ALL_VIEWER.equals(behavior.originRequestPolicyId())) {
            host = "$host";
        } else if (ALL_VIEWER_EXCEPT_HOST.equals(behavior.originRequestPolicyId())) {
            host = "";
        } else {
            return refused("origin request policy " + behavior.originRequestPolicyId());
        }
        String module = null;
        if (behavior.functionAssociations() != null && behavior.functionAssociations().quantity() != null
                && behavior.functionAssociations().quantity() > 0) {
            List<FunctionAssociation> associations = behavior.functionAssociations().items();
            if (associations.size() != 1 || associations.get(0).eventType() != EventType.VIEWER_REQUEST) {
                return refused("function associations other than one viewer-request function: " + associations);
            }
            String arn = associations.get(0).functionARN();
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            String code = aws.cloudFront().getFunction(r -> r.name(name).stage(FunctionStage.LIVE)).functionCode()
                    .asUtf8String();
            module = "function_" + Integer.toHexString(code.hashCode()) + "_" + name.replaceAll("[^A-Za-z0-9]", "_");
            Path file = prefix.resolve("functions").resolve(module + ".js");
            try {
                if (!Files.exists(file)) {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, code + VIEWER_REQUEST);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            functions.put(module, file);
        }
        Origin origin = config.origins().items().stream().filter(o -> o.id().equals(behavior.targetOriginId()))
                .findFirst().orElseThrow();
        if (!"http-only".equals(origin.customOriginConfig().originProtocolPolicyAsString())) {
            return refused("origin protocol " + origin.customOriginConfig().originProtocolPolicyAsString());
        }
        String methods = behavior.allowedMethods().items().stream().map(Method::toString)
                .collect(Collectors.joining("|"));
        StringBuilder conf = new StringBuilder("    if ($request_method !~ ^(" + methods + ")$) { return 403; }\n");
        Optional<String> address = address(origin.domainName());
        if (address.isEmpty()) {
            // The origin's name leads nowhere: CloudFront answers 502.
            return conf.append("    return 502;\n").toString();
        }
        if (module != null) {
            // The function decides first; what it lets through goes on to the origin.
            conf.append("    location / { js_content ").append(module).append(".viewerRequest; }\n");
        }
        conf.append(module != null ? "    location @origin {\n" : "    location / {\n")
                .append("      proxy_pass http://").append(address.get()).append(':')
                .append(origin.customOriginConfig().httpPort()).append(";\n")
                .append("      proxy_bind ").append(SecurityGroupGateway.CLOUDFRONT_SOURCE).append(";\n")
                .append("      proxy_http_version 1.1;\n")
                .append("      proxy_set_header Host ").append(host.isEmpty() ? origin.domainName() : host).append(";\n")
                .append("      proxy_set_header Upgrade $http_upgrade;\n")
                .append("      proxy_set_header Connection $connection_upgrade;\n")
                .append("      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n")
                .append("      proxy_buffering off;\n")
                .append("      proxy_connect_timeout ").append(origin.connectionTimeout()).append("s;\n")
                .append("      proxy_read_timeout ").append(origin.customOriginConfig().originReadTimeout())
                .append("s;\n")
                .append("    }\n");
        return conf.toString();
    }

    private String refused(String what) {
        problems.add("the edge does not play " + what);
        return "    return 500;\n";
    }

    /** Where the internet would send a request for an origin's name: a task's public address, by moto's ENIs. */
    private Optional<String> address(String originDomain) {
        String name = originDomain.toLowerCase(Locale.ROOT);
        for (NetworkInterface eni : aws.ec2().describeNetworkInterfaces().networkInterfaces()) {
            if (eni.association() != null && eni.association().publicDnsName() != null
                    && name.equals(eni.association().publicDnsName().toLowerCase(Locale.ROOT))) {
                return Optional.of(eni.association().publicIp());
            }
        }
        return Optional.empty();
    }

    /** Deploys each change: a new configuration, and nginx reloaded with it. */
    private void deployChanges() {
        while (!closed) {
            try {
                Thread.sleep(DEPLOY_EVERY.toMillis());
                String next = render();
                if (!next.equals(deployed)) {
                    Files.writeString(prefix.resolve("nginx.conf"), next);
                    Process reload = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", "nginx.conf",
                            "-s", "reload").redirectErrorStream(true).start();
                    String output = new String(reload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!reload.waitFor(30, TimeUnit.SECONDS) || reload.exitValue() != 0) {
                        problems.add("nginx refused the configuration: " + output);
                    }
                    deployed = next;
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    problems.add("could not deploy: " + e);
                }
            }
        }
    }

    /** Names only CloudFront's DNS could resolve. */
    private static boolean played(String host) {
        return host != null && host.toLowerCase(Locale.ROOT).endsWith(".cloudfront.net");
    }

    /** The clients' proxy: HTTPS (CONNECT) to nginx's TLS port, plain HTTP to its HTTP port, as they are. */
    private void acceptRoutes() {
        while (!route.isClosed()) {
            try {
                Socket client = route.accept();
                Thread connection = new Thread(() -> routeOne(client), "cloudfront-edge-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closing) {
                return;
            }
        }
    }

    private void routeOne(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            String requestLine = new String(head, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            boolean connect = requestLine.startsWith("CONNECT ");
            InetSocketAddress elsewhere = connect ? names.get(requestLine.split(" ")[1].replaceFirst(":\\d+$", "")
                    .toLowerCase(Locale.ROOT)) : null;
            try (Socket edge = elsewhere != null ? new Socket(elsewhere.getAddress(), elsewhere.getPort())
                    : new Socket(InetAddress.getLoopbackAddress(), connect ? httpsPort : httpPort, viewer, 0)) {
                if (connect) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } else {
                    edge.getOutputStream().write(head);
                }
                Thread up = pipe(in, edge.getOutputStream(), edge);
                edge.getInputStream().transferTo(client.getOutputStream());
                up.join(1000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // A client that gave up.
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The connection closed before the request's head ended");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static Thread pipe(InputStream from, OutputStream to, Socket closeAfter) {
        Thread copier = new Thread(() -> {
            try {
                from.transferTo(to);
                closeAfter.shutdownOutput();
            } catch (IOException ended) {
                // The other side closed.
            }
        }, "cloudfront-edge-pipe");
        copier.setDaemon(true);
        copier.start();
        return copier;
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(prefix.resolve("logs/nginx.out"))
                        + Files.readString(prefix.resolve("logs/error.log")));
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within 20 s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed = true;
        deployer.interrupt();
        ProxySelector.setDefault(previousSelector);
        SSLContext.setDefault(previousTls);
        route.close();
        nginx.destroy();
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly();
        }
    }
}
