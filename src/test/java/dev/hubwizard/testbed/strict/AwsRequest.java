package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AWS API request as the SDK sent it, read only as far as the rules need: which service (from the
 * signature's credential scope, as AWS itself routes), which operation, and its parameters in the service's
 * protocol — the query protocol's form fields (EC2, IAM, ELB, STS), the JSON 1.1 body (ECS, Logs, ECR, ACM,
 * Secrets Manager, Cognito...), or EFS's REST-JSON path and body.
 */
public record AwsRequest(String method, String path, Map<String, List<String>> headers, byte[] body, String service,
                         String region, String operation, Protocol protocol, Map<String, String> form, JsonNode json) {

    /** How a service's requests and errors are written. */
    public enum Protocol {
        /** EC2's own flavour of the query protocol: errors in {@code <Response><Errors>}. */
        EC2,
        /** Form fields in, XML out, errors in {@code <ErrorResponse>} (IAM, ELB, STS). */
        QUERY,
        /** {@code X-Amz-Target} and a JSON body; errors as {@code __type}. */
        JSON,
        /** Method and path name the operation, JSON body; errors in {@code x-amzn-ErrorType}. */
        REST_JSON,
        /** Method and path name the operation, XML body (Route 53, CloudFront). */
        REST_XML
    }

    private static final ObjectMapper JSON_READER = new ObjectMapper();
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final Map<String, Protocol> PROTOCOLS = Map.ofEntries(
            Map.entry("ec2", Protocol.EC2), Map.entry("iam", Protocol.QUERY), Map.entry("sts", Protocol.QUERY),
            Map.entry("elasticloadbalancing", Protocol.QUERY), Map.entry("elasticfilesystem", Protocol.REST_JSON),
            Map.entry("route53", Protocol.REST_XML), Map.entry("cloudfront", Protocol.REST_XML),
            Map.entry("lambda", Protocol.REST_JSON));
    /** CloudFront's operations by method and path (after the API version), for the ones a rule reads. */
    private static final List<Map.Entry<Pattern, String>> CLOUDFRONT_OPERATIONS = List.of(
            Map.entry(Pattern.compile("POST /distribution\\?WithTags.*"), "CreateDistributionWithTags"),
            Map.entry(Pattern.compile("POST /distribution"), "CreateDistribution"),
            Map.entry(Pattern.compile("GET /distribution(\\?.*)?"), "ListDistributions"),
            Map.entry(Pattern.compile("GET /distribution/[^/?]+"), "GetDistribution"),
            Map.entry(Pattern.compile("GET /distribution/[^/?]+/config"), "GetDistributionConfig"),
            Map.entry(Pattern.compile("PUT /distribution/[^/?]+/config"), "UpdateDistribution"),
            Map.entry(Pattern.compile("DELETE /distribution/[^/?]+"), "DeleteDistribution"),
            Map.entry(Pattern.compile("POST /function"), "CreateFunction"),
            Map.entry(Pattern.compile("GET /function(\\?.*)?"), "ListFunctions"),
            Map.entry(Pattern.compile("GET /function/[^/?]+/describe(\\?.*)?"), "DescribeFunction"),
            Map.entry(Pattern.compile("GET /function/[^/?]+(\\?.*)?"), "GetFunction"),
            Map.entry(Pattern.compile("PUT /function/[^/?]+"), "UpdateFunction"),
            Map.entry(Pattern.compile("POST /function/[^/?]+/publish"), "PublishFunction"),
            Map.entry(Pattern.compile("DELETE /function/[^/?]+"), "DeleteFunction"));
    /** Route 53's, the same way, for the ones a rule reads. */
    private static final List<Map.Entry<Pattern, String>> ROUTE53_OPERATIONS = List.of(
            Map.entry(Pattern.compile("POST /hostedzone/?"), "CreateHostedZone"),
            Map.entry(Pattern.compile("POST /hostedzone/[^/?]+/rrset/?"), "ChangeResourceRecordSets"),
            Map.entry(Pattern.compile("DELETE /hostedzone/[^/?]+"), "DeleteHostedZone"));
    /** Lambda's, the same way. */
    private static final List<Map.Entry<Pattern, String>> LAMBDA_OPERATIONS = List.of(
            Map.entry(Pattern.compile("POST /functions/?"), "CreateFunction"),
            Map.entry(Pattern.compile("POST /functions/[^/?]+/policy/?"), "AddPermission"));
    /** EFS's operations by method and collection, for the ones a rule reads or the hub's calls are counted by. */
    private static final Map<String, String> EFS_OPERATIONS = Map.of(
            "POST file-systems", "CreateFileSystem", "POST mount-targets", "CreateMountTarget",
            "POST access-points", "CreateAccessPoint", "GET access-points", "DescribeAccessPoints",
            "POST resource-tags", "TagResource");

    static AwsRequest read(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String authorization = header(headers, "Authorization").orElse("");
        Matcher scope = SCOPE.matcher(authorization);
        boolean signed = scope.find();
        String region = signed ? scope.group(1) : "";
        String service = signed ? scope.group(2) : "";
        Protocol protocol = PROTOCOLS.getOrDefault(service, Protocol.JSON);
        Map<String, String> form = Map.of();
        JsonNode json = MissingNode.getInstance();
        String operation = "";
        switch (protocol) {
            case EC2, QUERY -> {
                form = form(new String(body, StandardCharsets.UTF_8));
                operation = form.getOrDefault("Action", "");
            }
            case JSON -> {
                String target = header(headers, "X-Amz-Target").orElse("");
                operation = target.substring(target.indexOf('.') + 1);
                json = json(body);
            }
            case REST_JSON -> {
                String[] parts = path.split("/");
                operation = "lambda".equals(service) ? operation(LAMBDA_OPERATIONS, method, path)
                        : parts.length > 2 ? EFS_OPERATIONS.getOrDefault(method + " " + parts[2].split("\\?")[0], "")
                        : "";
                json = json(body);
            }
            case REST_XML -> {
                // Named by method and path.
                operation = "cloudfront".equals(service) ? operation(CLOUDFRONT_OPERATIONS, method, path)
                        : "route53".equals(service) ? operation(ROUTE53_OPERATIONS, method, path) : "";
            }
        }
        return new AwsRequest(method, path, headers, body, service, region, operation, protocol, form, json);
    }

    /** The operation a REST request names: {@code /2020-05-31/distribution/ID} and the method, without the version. */
    private static String operation(List<Map.Entry<Pattern, String>> operations, String method, String path) {
        String resource = path.replaceFirst("^/\\d{4}-\\d{2}-\\d{2}", "");
        return operations.stream().filter(o -> o.getKey().matcher(method + " " + resource).matches())
                .map(Map.Entry::getValue).findFirst().orElse("");
    }

    /** The same request with another body, as moto is to see it. */
    AwsRequest withBody(byte[] newBody) {
        return new AwsRequest(method, path, headers, newBody, service, region, operation, protocol, form, json);
    }

    public boolean is(String service, String operation) {
        return this.service.equals(service) && this.operation.equals(operation);
    }

    public String param(String name) {
        return form.getOrDefault(name, "");
    }

    static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }

    static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON_READER.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
