package dev.hubwizard.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays ECS's task metadata endpoint version 4 for the hub tasks the test bed's Fargate runs: what Fargate (platform
 * 1.4.0 and later) gives every container as {@code ECS_CONTAINER_METADATA_URI_V4}, answering
 * {@code ${ECS_CONTAINER_METADATA_URI_V4}} with the container's metadata and {@code .../task} with the task's, in
 * the shape of https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate-response.html
 * (the fields a reader of the address needs, and those that name the task). On AWS the endpoint is a link-local
 * address only the task reaches; here one server on loopback, a path of its own per container.
 *
 * <p>{@code Networks[].IPv4Addresses} is the address the task's container is reached at on this machine (a loopback
 * one), not the emulator's made-up private IP in the subnet: what the hub tells its users' servers must lead to it.
 */
final class TaskMetadataEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    /** Container key → its container's and its task's metadata. */
    private final Map<String, Answers> containers = new ConcurrentHashMap<>();

    private record Answers(String container, String task) {
    }

    private TaskMetadataEndpoint(HttpServer server) {
        this.server = server;
    }

    static TaskMetadataEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            TaskMetadataEndpoint endpoint = new TaskMetadataEndpoint(server);
            server.createContext("/v4/", endpoint::answer);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The metadata of the task's first container, which is reached at {@code privateAddress}.
     *
     * @return the value of {@code ECS_CONTAINER_METADATA_URI_V4} for that container
     */
    URI register(String clusterArn, Task task, TaskDefinition definition, String privateAddress) {
        String key = UUID.randomUUID().toString().replace("-", "");
        ObjectNode container = container(clusterArn, task, definition, key, privateAddress);
        ObjectNode metadata = JSON.createObjectNode()
                .put("Cluster", clusterArn)
                .put("TaskARN", task.taskArn())
                .put("Family", definition.family())
                .put("Revision", String.valueOf(definition.revision()))
                .put("DesiredStatus", "RUNNING")
                .put("KnownStatus", "RUNNING")
                .put("AvailabilityZone", task.availabilityZone())
                .put("LaunchType", "FARGATE");
        metadata.putObject("Limits").put("CPU", Integer.parseInt(definition.cpu()) / 1024.0)
                .put("Memory", Integer.parseInt(definition.memory()));
        metadata.putArray("Containers").add(container);
        containers.put(key, new Answers(container.toString(), metadata.toString()));
        InetSocketAddress bound = server.getAddress();
        return URI.create("http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort() + "/v4/" + key);
    }

    private static ObjectNode container(String clusterArn, Task task, TaskDefinition definition, String key,
                                        String privateAddress) {
        var spec = definition.containerDefinitions().get(0);
        ObjectNode container = JSON.createObjectNode()
                .put("DockerId", key)
                .put("Name", spec.name())
                .put("DockerName", "ecs-" + definition.family() + "-" + definition.revision() + "-" + spec.name())
                .put("Image", spec.image())
                .put("DesiredStatus", "RUNNING")
                .put("KnownStatus", "RUNNING")
                .put("Type", "NORMAL");
        container.putObject("Labels")
                .put("com.amazonaws.ecs.cluster", clusterArn)
                .put("com.amazonaws.ecs.container-name", spec.name())
                .put("com.amazonaws.ecs.task-arn", task.taskArn())
                .put("com.amazonaws.ecs.task-definition-family", definition.family())
                .put("com.amazonaws.ecs.task-definition-version", String.valueOf(definition.revision()));
        ObjectNode network = JSON.createObjectNode().put("NetworkMode", "awsvpc").put("AttachmentIndex", 0);
        ArrayNode addresses = network.putArray("IPv4Addresses");
        addresses.add(privateAddress);
        container.putArray("Networks").add(network);
        return container;
    }

    /** The task stopped: its endpoint answers no more. */
    void forget(URI endpoint) {
        String path = endpoint.getPath();
        containers.remove(path.substring(path.lastIndexOf('/') + 1));
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring("/v4/".length()).split("/");
            Answers answers = containers.get(path[0]);
            String body = answers == null || path.length > 2 || (path.length == 2 && !path[1].equals("task"))
                    || !"GET".equals(exchange.getRequestMethod()) ? null
                    : path.length == 1 ? answers.container() : answers.task();
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
