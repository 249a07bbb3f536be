package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What goes back to the SDK: moto's answer, possibly rewritten, or an error a rule answers in AWS's place. */
public record AwsAnswer(int status, Map<String, List<String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An error the way {@code request}'s service writes it, so that the SDK raises the same exception, with
     * the same error code, as it would against AWS.
     */
    public static AwsAnswer error(AwsRequest request, int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", List.of(requestId));
        String body;
        switch (request.protocol()) {
            case EC2 -> {
                headers.put("Content-Type", List.of("text/xml;charset=UTF-8"));
                body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + xml(code)
                        + "</Code><Message>" + xml(message) + "</Message></Error></Errors><RequestID>" + requestId
                        + "</RequestID></Response>";
            }
            case QUERY, REST_XML -> {
                headers.put("Content-Type", List.of("text/xml"));
                body = "<ErrorResponse><Error><Type>Sender</Type><Code>" + xml(code) + "</Code><Message>"
                        + xml(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
            }
            case REST_JSON -> {
                headers.put("Content-Type", List.of("application/json"));
                headers.put("x-amzn-ErrorType", List.of(code));
                ObjectNode error = JSON.createObjectNode().put("ErrorCode", code).put("Message", message);
                body = error.toString();
            }
            default -> {
                headers.put("Content-Type", List.of("application/x-amz-json-1.1"));
                ObjectNode error = JSON.createObjectNode().put("__type", code).put("message", message);
                body = error.toString();
            }
        }
        return new AwsAnswer(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public boolean ok() {
        return status / 100 == 2;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        return AwsRequest.json(body);
    }

    /** The same answer with another JSON body. */
    public AwsAnswer withJson(JsonNode json) {
        try {
            return new AwsAnswer(status, headers, JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
