package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.hubwizard.aws.EventualConsistency;
import com.sun.net.httpserver.HttpServer;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * AWS as strict as AWS, in front of moto: an HTTP proxy on loopback that the SDK is pointed at instead of moto
 * ({@code aws.endpointUrl}), and that plays, rule by rule, what AWS does and moto does not — the input AWS
 * documents and refuses ({@link DocumentedInputs}), eventual consistency right after a create
 * ({@link NewEc2Ids}, {@link NewIamRoles}, {@link CertificateIssuance}), network interfaces that hold a subnet
 * or security group ({@link NetworkInterfacesInUse}), and ECS rollouts that fail and stay failed
 * ({@link EcsRollouts}), people's notebook tasks starting ({@link UsersTasks}), and Route 53's private hosted zones
 * ({@link PrivateHostedZones}, {@link CallerReferences}). Every request goes through
 * it; production code only meets stricter answers.
 *
 * <p>Eventual consistency is played in short windows ({@link Windows}), so that the whole suite meets it at little
 * cost in time; a test that proves a retry's patience widens a window for itself.
 */
public final class StrictAws implements AutoCloseable {

    /**
     * How patient the tests' AWS clients are: long enough for every window a test widens to (a few seconds), with
     * short back-off, and IAM's wait just past {@link Windows#SHARED}'s.
     */
    public static final EventualConsistency PATIENCE = new EventualConsistency(Duration.ofSeconds(5),
            Duration.ofMillis(20), Windows.SHARED.iamNewRoles().plusMillis(100));

    /** Headers the JDK's client sets itself (or refuses), and hop-by-hop ones. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive");

    private final URI moto;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "strict-aws");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final NewEc2Ids ec2Ids;
    private final NewIamRoles iamRoles;
    private final EcsRollouts rollouts;
    private final CertificateIssuance certificates;
    private final NetworkInterfacesInUse interfaces;
    private final CloudFrontDistributions cloudFront;
    private final CloudFrontFunctions cloudFrontFunctions;
    private final List<AwsRule> rules;
    private final CostAllocationTags costTags = new CostAllocationTags();
    private final UsersTasks usersTasks = new UsersTasks();
    private volatile Windows windows = Windows.SHARED;
    private final java.util.Queue<SeenCall> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A call that reached the layer ("ECS.RunTask"), and the User-Agent of whoever made it. */
    public record SeenCall(String call, String userAgent) {
    }

    static {
        // The JDK's server writes a response's headers and body apart; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK (40 ms) on every call. Read when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private StrictAws(URI moto) throws IOException {
        this.moto = moto;
        this.ec2Ids = new NewEc2Ids(() -> windows);
        this.iamRoles = new NewIamRoles(() -> windows);
        this.certificates = new CertificateIssuance(() -> windows);
        this.interfaces = new NetworkInterfacesInUse(this::networkInterfaces);
        this.rollouts = new EcsRollouts(iamRoles, this::subnetZones);
        this.cloudFrontFunctions = new CloudFrontFunctions(this::distributionUses);
        this.cloudFront = new CloudFrontDistributions(() -> windows, cloudFrontFunctions::live);
        // CloudFrontArns first: the rules after it see AWS's ARNs in moto's answers, as in the SDK's requests.
        this.rules = List.of(new CloudFrontArns(), new DocumentedInputs(), new RolePolicies(), new FargateTaskMemory(), ec2Ids,
                iamRoles, certificates, interfaces, rollouts,
                new TaskDefinitionStatus(this::ecs), new InactiveServices(this::ecs), usersTasks, new TaskTimes(),
                costTags, cloudFront, cloudFrontFunctions, new TaskPublicDnsNames(this::dnsHostnames),
                new AccessPointTokens(this::accessPointExists), new CallerReferences(),
                new PrivateHostedZones(this::hostedZoneName, this::privateZoneNames));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A strict layer in front of the moto at {@code moto}; the caller closes it. */
    public static StrictAws inFrontOf(URI moto) {
        try {
            return new StrictAws(moto);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the SDK is to send its requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The eventual-consistency windows from now on; {@link #reset} goes back to {@link Windows#SHARED}. */
    public StrictAws windows(Windows windows) {
        this.windows = windows;
        return this;
    }

    public Windows windows() {
        return windows;
    }

    /** The cost allocation tags billing has seen, which a test sets. */
    public CostAllocationTags costAllocationTags() {
        return costTags;
    }

    /** The ECS plays a test turns on: failing rollouts, slow starts, zones Fargate does not serve. */
    public EcsRollouts ecs() {
        return rollouts;
    }

    /** People's notebook tasks, PENDING until the test bed's Fargate runs them ({@code FargateUsersStandIn}). */
    public UsersTasks usersTasks() {
        return usersTasks;
    }

    /** Forgets every resource it learnt of and every play, for a test that starts from an empty account. */
    public void reset() {
        windows = Windows.SHARED;
        rules.forEach(AwsRule::reset);
        seen.clear();
    }

    /**
     * The calls made since the last {@link #reset} or {@link #forgetCalls} by clients whose User-Agent contains
     * {@code userAgentPart}: those of a process outside the test JVM (the hub's botocore says "hubwizard-hub"),
     * which {@link dev.hubwizard.testbed.AwsCallRecorder} cannot see.
     */
    public List<String> callsFrom(String userAgentPart) {
        return seen.stream().filter(c -> c.userAgent().contains(userAgentPart)).map(SeenCall::call).toList();
    }

    public void forgetCalls() {
        seen.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            AwsRequest request = AwsRequest.read(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body);
            seen.add(new SeenCall(request.service() + "." + request.operation(), exchange.getRequestHeaders()
                    .getOrDefault("User-Agent", List.of()).stream().findFirst().orElse("")));
            AwsAnswer answer = answer(request);
            answer.headers().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean empty = answer.body().length == 0 || "HEAD".equals(request.method());
            exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (RuntimeException e) {
            // A rule's own bug: say so loudly instead of a hung request.
            e.printStackTrace();
            throw e;
        }
    }

    private AwsAnswer answer(AwsRequest request) {
        for (AwsRule rule : rules) {
            Optional<AwsAnswer> instead = rule.before(request);
            if (instead.isPresent()) {
                return instead.get();
            }
        }
        AwsRequest sent = request;
        for (AwsRule rule : rules) {
            sent = rule.forwarded(sent);
        }
        AwsAnswer answer = forward(sent);
        for (AwsRule rule : rules) {
            answer = rule.after(request, answer);
        }
        return answer;
    }

    /** Sends the request to moto as the SDK wrote it. */
    AwsAnswer forward(AwsRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(moto.resolve(request.path()))
                .timeout(Duration.ofMinutes(2))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
            return new AwsAnswer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks moto's EC2 itself, as AWS knows its own state: the strict layer's look, not the SDK's. */
    private Document ec2(String region, Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>(parameters);
        form.put("Version", "2016-11-15");
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        Map<String, List<String>> headers = Map.of(
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=testing/20250101/" + region
                        + "/ec2/aws4_request, SignedHeaders=host, Signature=0"),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        AwsAnswer answer = forward(AwsRequest.read("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8)));
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.body()));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("moto's EC2 answered what is not XML: " + answer.text(), e);
        }
    }

    /** Asks moto's ECS itself (a JSON 1.1 call), as {@link #ec2} does EC2. */
    private AwsAnswer ecs(String region, String operation, ObjectNode request) {
        Map<String, List<String>> headers = Map.of(
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=testing/20250101/" + region
                        + "/ecs/aws4_request, SignedHeaders=host, Signature=0"),
                "Content-Type", List.of("application/x-amz-json-1.1"),
                "X-Amz-Target", List.of("AmazonEC2ContainerServiceV20141113." + operation));
        return forward(AwsRequest.read("POST", "/", headers, request.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private boolean accessPointExists(String region, String accessPoint) {
        Map<String, List<String>> headers = Map.of("Authorization", List.of("AWS4-HMAC-SHA256 Credential=testing/"
                + "20250101/" + region + "/elasticfilesystem/aws4_request, SignedHeaders=host, Signature=0"));
        AwsAnswer answer = forward(AwsRequest.read("GET", "/2015-02-01/access-points?AccessPointId=" + accessPoint,
                headers, new byte[0]));
        return answer.ok() && answer.json().path("AccessPoints").size() > 0;
    }

    /** Asks moto's Route 53 itself (a REST-XML GET), as {@link #ec2} does EC2; empty when moto answers an error. */
    private Optional<Document> route53(String resource) {
        Map<String, List<String>> headers = Map.of("Authorization", List.of("AWS4-HMAC-SHA256 Credential=testing/"
                + "20250101/us-east-1/route53/aws4_request, SignedHeaders=host, Signature=0"));
        AwsAnswer answer = forward(AwsRequest.read("GET", "/2013-04-01/" + resource, headers, new byte[0]));
        return answer.ok() ? Optional.of(Xml.parse(answer.body())) : Optional.empty();
    }

    private Optional<String> hostedZoneName(String zoneId) {
        return route53("hostedzone/" + URLEncoder.encode(zoneId, StandardCharsets.UTF_8))
                .map(found -> found.getElementsByTagNameNS("*", "Name"))
                .filter(names -> names.getLength() > 0).map(names -> names.item(0).getTextContent());
    }

    private Set<String> privateZoneNames(String vpcId, String region) {
        Set<String> names = new TreeSet<>();
        route53("hostedzonesbyvpc?vpcid=" + URLEncoder.encode(vpcId, StandardCharsets.UTF_8) + "&vpcregion="
                + URLEncoder.encode(region, StandardCharsets.UTF_8)).ifPresent(found -> {
            NodeList elements = found.getElementsByTagNameNS("*", "Name");
            for (int i = 0; i < elements.getLength(); i++) {
                names.add(elements.item(i).getTextContent());
            }
        });
        return names;
    }

    private Set<String> networkInterfaces(String region, String filter, String value) {
        Document found = ec2(region, Map.of("Action", "DescribeNetworkInterfaces", "Filter.1.Name", filter,
                "Filter.1.Value.1", value));
        Set<String> ids = new TreeSet<>();
        NodeList elements = found.getElementsByTagName("networkInterfaceId");
        for (int i = 0; i < elements.getLength(); i++) {
            ids.add(elements.item(i).getTextContent());
        }
        return ids;
    }

    /** Whether a CloudFront distribution uses the function: the functions' rule asks the distributions' rule. */
    private boolean distributionUses(String functionArn) {
        return cloudFront.uses(functionArn);
    }

    private boolean dnsHostnames(String region, String vpcId) {
        Document found = ec2(region, Map.of("Action", "DescribeVpcAttribute", "VpcId", vpcId,
                "Attribute", "enableDnsHostnames"));
        NodeList values = found.getElementsByTagName("value");
        return values.getLength() > 0 && "true".equals(values.item(0).getTextContent());
    }

    private Map<String, String> subnetZones(String region, List<String> subnetIds) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", "DescribeSubnets");
        for (int i = 0; i < subnetIds.size(); i++) {
            parameters.put("SubnetId." + (i + 1), subnetIds.get(i));
        }
        Document found = ec2(region, parameters);
        Map<String, String> zones = new LinkedHashMap<>();
        NodeList items = found.getElementsByTagName("subnetId");
        for (int i = 0; i < items.getLength(); i++) {
            Element subnet = (Element) items.item(i).getParentNode();
            NodeList zone = subnet.getElementsByTagName("availabilityZoneId");
            if (zone.getLength() > 0) {
                zones.put(items.item(i).getTextContent(), zone.item(0).getTextContent());
            }
        }
        return zones;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
