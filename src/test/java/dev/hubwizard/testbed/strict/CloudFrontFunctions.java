package dev.hubwizard.testbed.strict;

import dev.hubwizard.testbed.MotoServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFront Functions, which moto does not have at all: played here in full, as the API reference describes them
 * (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html and the pages beside it). A
 * function has a DEVELOPMENT stage, which UpdateFunction changes, and a LIVE stage, which PublishFunction copies it
 * to and which alone a distribution may use; every change takes the current ETag ({@code If-Match}) and makes a new
 * one; a function a distribution uses cannot be deleted (FunctionInUse); code is at most 10 KB; a name is 1 to 64
 * of a-z, A-Z, 0-9, '-' and '_'. UpdateFunction's answer carries its ETag in a header named {@code ETtag}, as
 * AWS's own model says.
 */
final class CloudFrontFunctions implements AwsRule {

    private static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Pattern FUNCTION_PATH = Pattern.compile("/\\d{4}-\\d{2}-\\d{2}/function/([^/?]+)");
    private static final Pattern STAGE = Pattern.compile("[?&]Stage=([A-Z]+)");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int MAX_CODE = 10 * 1024;

    /** One stage of a function: its code, comment, runtime and ETag. */
    private record Stage(byte[] code, String comment, String runtime, String eTag, Instant modified) {
    }

    private record Function(Stage development, Stage live, Instant created) {
    }

    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    /** Whether a distribution uses a function (by ARN). */
    private final Predicate<String> inUse;

    CloudFrontFunctions(Predicate<String> inUse) {
        this.inUse = inUse;
    }

    /** Whether a distribution may use this ARN: a function that exists, published. */
    boolean live(String arn) {
        Function function = functions.get(arn.substring(arn.lastIndexOf('/') + 1));
        return function != null && function.live() != null && arn.equals(arn(arn.substring(arn.lastIndexOf('/') + 1)));
    }

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        if (!"cloudfront".equals(request.service()) || !request.operation().endsWith("Function")
                && !"ListFunctions".equals(request.operation())) {
            return Optional.empty();
        }
        String name = name(request);
        Function function = functions.get(name);
        String ifMatch = AwsRequest.header(request.headers(), "If-Match").orElse("");
        switch (request.operation()) {
            case "CreateFunction" -> {
                Document sent = Xml.parse(request.body());
                String created = text(sent.getDocumentElement(), "Name");
                Optional<AwsAnswer> invalid = invalid(request, created, sent);
                if (invalid.isPresent()) {
                    return invalid;
                }
                if (functions.containsKey(created)) {
                    return error(request, 409, "FunctionAlreadyExists", "A function with the same name already"
                            + " exists.");
                }
                Instant now = Instant.now();
                Function made = new Function(stage(sent, now), null, now);
                functions.put(created, made);
                Map<String, List<String>> headers = headers("application/xml");
                headers.put("ETag", List.of(made.development().eTag()));
                headers.put("Location", List.of("https://cloudfront.amazonaws.com/2020-05-31/function/"
                        + arn(created)));
                return Optional.of(new AwsAnswer(201, headers, summary(created, made, false)));
            }
            case "ListFunctions" -> {
                boolean live = "LIVE".equals(stage(request));
                StringBuilder items = new StringBuilder();
                functions.forEach((listed, f) -> {
                    if (!live || f.live() != null) {
                        items.append(new String(summary(listed, f, live), StandardCharsets.UTF_8)
                                .replaceFirst("^<\\?xml[^>]*\\?>", "").replace(" xmlns=\"" + NAMESPACE + "\"", ""));
                    }
                });
                String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><FunctionList xmlns=\"" + NAMESPACE
                        + "\"><MaxItems>100</MaxItems><Quantity>" + (live ? functions.values().stream()
                        .filter(f -> f.live() != null).count() : functions.size()) + "</Quantity><Items>" + items
                        + "</Items></FunctionList>";
                return Optional.of(new AwsAnswer(200, headers("application/xml"),
                        xml.getBytes(StandardCharsets.UTF_8)));
            }
            case "DescribeFunction", "GetFunction" -> {
                boolean live = "LIVE".equals(stage(request));
                Stage stage = function == null ? null : live ? function.live() : function.development();
                if (stage == null) {
                    return error(request, 404, "NoSuchFunctionExists", "The function does not exist.");
                }
                if ("GetFunction".equals(request.operation())) {
                    Map<String, List<String>> headers = headers("application/octet-stream");
                    headers.put("ETag", List.of(stage.eTag()));
                    return Optional.of(new AwsAnswer(200, headers, stage.code()));
                }
                Map<String, List<String>> headers = headers("application/xml");
                headers.put("ETag", List.of(stage.eTag()));
                return Optional.of(new AwsAnswer(200, headers, summary(name, function, live)));
            }
            case "UpdateFunction", "PublishFunction", "DeleteFunction" -> {
                if (function == null) {
                    return error(request, 404, "NoSuchFunctionExists", "The function does not exist.");
                }
                if (!function.development().eTag().equals(ifMatch)) {
                    return error(request, 412, "PreconditionFailed", "The precondition given in one or more of the"
                            + " request-header fields evaluated to false.");
                }
                return change(request, name, function);
            }
            default -> {
                return error(request, 400, "UnsupportedOperation", "The test bed does not play "
                        + request.operation());
            }
        }
    }

    private Optional<AwsAnswer> change(AwsRequest request, String name, Function function) {
        Instant now = Instant.now();
        switch (request.operation()) {
            case "UpdateFunction" -> {
                Document sent = Xml.parse(request.body());
                Optional<AwsAnswer> invalid = invalid(request, name, sent);
                if (invalid.isPresent()) {
                    return invalid;
                }
                Function updated = new Function(stage(sent, now), function.live(), function.created());
                functions.put(name, updated);
                Map<String, List<String>> headers = headers("application/xml");
                headers.put("ETtag", List.of(updated.development().eTag()));
                return Optional.of(new AwsAnswer(200, headers, summary(name, updated, false)));
            }
            case "PublishFunction" -> {
                Stage development = function.development();
                Function published = new Function(development, new Stage(development.code(), development.comment(),
                        development.runtime(), eTag(), now), function.created());
                functions.put(name, published);
                return Optional.of(new AwsAnswer(200, headers("application/xml"), summary(name, published, true)));
            }
            default -> {
                if (inUse.test(arn(name))) {
                    return error(request, 409, "FunctionInUse", "Cannot delete function, it's still associated"
                            + " with one or more cache behaviors.");
                }
                functions.remove(name);
                return Optional.of(new AwsAnswer(204, headers("application/xml"), new byte[0]));
            }
        }
    }

    private static Optional<AwsAnswer> invalid(AwsRequest request, String name, Document sent) {
        if (!NAME.matcher(name).matches()) {
            return error(request, 400, "InvalidArgument", "The function name must be 1 to 64 of a-z, A-Z, 0-9, - and"
                    + " _ (not '" + name + "').");
        }
        if (code(sent).length > MAX_CODE) {
            return error(request, 413, "FunctionSizeLimitExceeded", "The function code is larger than 10 KB.");
        }
        if (text(sent.getDocumentElement(), "Comment").length() > 128) {
            return error(request, 400, "InvalidArgument", "The function's comment is longer than 128 characters.");
        }
        return Optional.empty();
    }

    private static Stage stage(Document sent, Instant now) {
        return new Stage(code(sent), text(sent.getDocumentElement(), "Comment"),
                text(sent.getDocumentElement(), "Runtime"), eTag(), now);
    }

    private static byte[] code(Document sent) {
        return Base64.getMimeDecoder().decode(text(sent.getDocumentElement(), "FunctionCode"));
    }

    private static byte[] summary(String name, Function function, boolean live) {
        Stage stage = live ? function.live() : function.development();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><FunctionSummary xmlns=\"" + NAMESPACE + "\"><Name>"
                + name + "</Name><Status>" + (function.live() == null ? "UNPUBLISHED" : "DEPLOYED") + "</Status>"
                + "<FunctionConfig><Comment>" + escape(stage.comment()) + "</Comment><Runtime>" + stage.runtime()
                + "</Runtime></FunctionConfig><FunctionMetadata><FunctionARN>" + arn(name) + "</FunctionARN><Stage>"
                + (live ? "LIVE" : "DEVELOPMENT") + "</Stage><CreatedTime>" + function.created()
                + "</CreatedTime><LastModifiedTime>" + stage.modified() + "</LastModifiedTime></FunctionMetadata>"
                + "</FunctionSummary>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static String arn(String name) {
        return "arn:aws:cloudfront::" + MotoServer.ACCOUNT + ":function/" + name;
    }

    private static String name(AwsRequest request) {
        Matcher matcher = FUNCTION_PATH.matcher(request.path());
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String stage(AwsRequest request) {
        Matcher matcher = STAGE.matcher(request.path());
        return matcher.find() ? matcher.group(1) : "DEVELOPMENT";
    }

    /** The text of the first element of this name anywhere below {@code root}. */
    private static String text(Element root, String name) {
        var found = root.getElementsByTagNameNS("*", name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent();
    }

    private static String eTag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }

    private static Map<String, List<String>> headers(String contentType) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        headers.put("x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
        return headers;
    }

    private static Optional<AwsAnswer> error(AwsRequest request, int status, String code, String message) {
        return Optional.of(AwsAnswer.error(request, status, code, message));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void reset() {
        functions.clear();
    }
}
