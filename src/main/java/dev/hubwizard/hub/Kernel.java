package dev.hubwizard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Python kernel in a person's notebook server, driven as a notebook page drives it: started through the
 * server's REST API ({@code POST api/kernels}, with the server's {@code _xsrf} token), then spoken to over
 * its WebSocket ({@code api/kernels/ID/channels}) in the Jupyter messaging protocol (version 5, JSON).
 */
public final class Kernel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROTOCOL_VERSION = "5.3";

    private final String id;
    private final String username;
    private final String session = UUID.randomUUID().toString();
    private final BlockingQueue<JsonNode> messages;
    private final WebSocket socket;

    private Kernel(String id, String username, BlockingQueue<JsonNode> messages, WebSocket socket) {
        this.id = id;
        this.username = username;
        this.messages = messages;
        this.socket = socket;
    }

    /**
     * Starts a kernel of the server's default kind and connects to it.
     *
     * @param server {@code http://HUB/user/NAME/}, signed in to by {@code browser}
     */
    public static Kernel start(HubBrowser browser, URI server, String username, Duration timeout)
            throws CheckFailed, IOException, InterruptedException {
        HttpResponse<String> created = browser.postJson(server.resolve("api/kernels").toString(), "{}");
        if (created.statusCode() != 201) {
            throw new CheckFailed(HubCheck.CODE_RAN, "the server answered HTTP " + created.statusCode()
                    + " to starting a kernel: " + created.body().strip());
        }
        String id = JSON.readTree(created.body()).path("id").asText();
        URI channels = URI.create(server.resolve("api/kernels/" + id + "/channels").toString()
                .replaceFirst("^http", "ws") + "?session_id=" + UUID.randomUUID());
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        try {
            return new Kernel(id, username, messages, browser.webSocket(channels, new Collector(messages))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new CheckFailed(HubCheck.CODE_RAN, "the kernel's WebSocket " + channels.getPath()
                    + " did not open: " + cause.getMessage(), cause);
        }
    }

    /**
     * Runs {@code code} and returns what it printed, once the kernel has replied and gone idle.
     *
     * @throws CheckFailed when the code raised, or the kernel did not answer in time
     */
    public String run(String code, Duration timeout) throws CheckFailed, InterruptedException {
        ObjectNode content = JSON.createObjectNode().put("code", code).put("silent", false)
                .put("store_history", false).put("allow_stdin", false).put("stop_on_error", true);
        content.putObject("user_expressions");
        String request = send("execute_request", content);
        StringBuilder printed = new StringBuilder();
        boolean replied = false;
        boolean idle = false;
        Instant deadline = Instant.now().plus(timeout);
        while (!(replied && idle)) {
            JsonNode message = next(deadline, "running the code");
            if (!request.equals(message.at("/parent_header/msg_id").asText())) {
                continue;
            }
            String type = message.at("/header/msg_type").asText();
            JsonNode body = message.path("content");
            switch (type) {
                case "stream" -> printed.append(body.path("text").asText());
                case "error" -> throw new CheckFailed(HubCheck.CODE_RAN, "the code raised "
                        + body.path("ename").asText() + ": " + body.path("evalue").asText());
                case "execute_reply" -> {
                    replied = true;
                    if (!"ok".equals(body.path("status").asText())) {
                        throw new CheckFailed(HubCheck.CODE_RAN, "the kernel replied " + body.path("status").asText()
                                + ": " + body.path("ename").asText() + " " + body.path("evalue").asText());
                    }
                }
                case "status" -> idle = "idle".equals(body.path("execution_state").asText());
                default -> {
                    // execute_input and the like: nothing to check.
                }
            }
        }
        return printed.toString();
    }

    /** Waits until the kernel answers at all (a kernel_info reply): it may still be starting. */
    public void awaitReady(Duration timeout) throws CheckFailed, InterruptedException {
        String request = send("kernel_info_request", JSON.createObjectNode());
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode message = next(deadline, "starting");
            if (request.equals(message.at("/parent_header/msg_id").asText())
                    && "kernel_info_reply".equals(message.at("/header/msg_type").asText())) {
                return;
            }
        }
    }

    public String id() {
        return id;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private String send(String type, ObjectNode content) {
        String messageId = UUID.randomUUID().toString();
        ObjectNode message = JSON.createObjectNode();
        message.putObject("header").put("msg_id", messageId).put("username", username).put("session", session)
                .put("msg_type", type).put("version", PROTOCOL_VERSION).put("date", Instant.now().toString());
        message.putObject("parent_header");
        message.putObject("metadata");
        message.set("content", content);
        message.putArray("buffers");
        message.put("channel", "shell");
        socket.sendText(message.toString(), true).join();
        return messageId;
    }

    private JsonNode next(Instant deadline, String doing) throws CheckFailed, InterruptedException {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        JsonNode message = left <= 0 ? null : messages.poll(left, TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new CheckFailed(HubCheck.CODE_RAN, "the kernel did not answer within the time allowed for "
                    + doing);
        }
        if (message.has("closed")) {
            throw new CheckFailed(HubCheck.CODE_RAN, "the kernel's WebSocket closed while " + doing + ": "
                    + message.path("closed").asText());
        }
        return message;
    }

    /** Gathers each message's text frames into one JSON message; a close becomes a message too. */
    private static final class Collector implements WebSocket.Listener {

        private final BlockingQueue<JsonNode> inbox;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<JsonNode> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (IOException notJson) {
                    // Not a message of the JSON protocol: nothing here waits for it.
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbox.add(JSON.createObjectNode().put("closed", statusCode + (reason.isEmpty() ? "" : " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inbox.add(JSON.createObjectNode().put("closed", String.valueOf(error.getMessage())));
        }
    }
}
