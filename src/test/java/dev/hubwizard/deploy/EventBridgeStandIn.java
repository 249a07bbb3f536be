package dev.hubwizard.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.OriginUpdater;
import dev.hubwizard.testbed.AwsCallRecorder;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.PythonTests;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Plays what moto does not do: ECS putting a "Task State Change" event on the account's default event bus,
 * EventBridge matching it against the rules there and running their Lambda targets, and Lambda running the
 * function. Each step is taken from what the app left in moto, never from what the test expects:
 * <ul>
 *   <li>the event is built as ECS sends it, from the task as moto describes it;</li>
 *   <li>a rule matches when its pattern matches the event by EventBridge's rules as moto implements them for its
 *       own PutEvents ({@code moto.events.models.EventPattern}; moto's TestEventPattern API answers nothing);</li>
 *   <li>a target runs only when the function's resource policy lets {@code events.amazonaws.com} invoke it from that
 *       rule;</li>
 *   <li>the code that runs is the code Lambda holds, known by its SHA-256 (moto keeps no copy to hand back: the
 *       test bed knows the app's {@link OriginUpdater#zip()}, and refuses anything else), with the function's
 *       handler and environment, in the Python of the origin updater's tests (boto3, as in the Lambda runtime),
 *       against the same emulator. The function's role is not evaluated: its policy is asserted on its own.</li>
 * </ul>
 */
public final class EventBridgeStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENVIRONMENT = "origin-updater-tests";

    private final AwsClients aws;
    private final Map<String, byte[]> knownCode;
    private final List<String> runs = new CopyOnWriteArrayList<>();

    public EventBridgeStandIn(AwsClients aws) {
        this.aws = aws;
        this.knownCode = Map.of(sha256(OriginUpdater.zip()), OriginUpdater.zip());
    }

    /** What each function run said (its result, or its failure), in order. */
    List<String> runs() {
        return List.copyOf(runs);
    }

    /** ECS says the task is RUNNING: every matching rule's function runs, as it would in AWS. */
    void taskRunning(String cluster, Task task) {
        AwsCallRecorder.offTheRecord(() -> {
            Task described = aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(task.taskArn())).tasks().get(0);
            String event = event(described);
            for (Rule rule : aws.eventBridge().listRules(r -> r.eventBusName("default")).rules()) {
                if (rule.eventPattern() == null || !"ENABLED".equals(rule.stateAsString())
                        || !matches(rule.eventPattern(), event)) {
                    continue;
                }
                for (Target target : aws.eventBridge().listTargetsByRule(r -> r.rule(rule.name())).targets()) {
                    if (target.arn().contains(":lambda:")) {
                        invoke(target.arn(), rule.arn(), event);
                    }
                }
            }
        });
    }

    /** Whether EventBridge would send {@code event} to a rule with this pattern. */
    private static boolean matches(String pattern, String event) {
        String answer = python("from moto.events.models import EventPattern; import json, sys; "
                + "print(EventPattern.load(sys.argv[1]).matches_event(json.loads(sys.stdin.read())))",
                List.of(pattern), Map.of(), event, null).strip();
        if (!answer.equals("True") && !answer.equals("False")) {
            throw new IllegalStateException("moto's event pattern matcher said: " + answer);
        }
        return answer.equals("True");
    }

    private void invoke(String functionArn, String ruleArn, String event) {
        String policy = aws.lambda().getPolicy(r -> r.functionName(functionArn)).policy();
        if (!policy.contains("events.amazonaws.com") || !policy.contains(ruleArn)) {
            runs.add("refused: " + functionArn + " does not let rule " + ruleArn + " invoke it");
            return;
        }
        FunctionConfiguration function = aws.lambda().getFunction(r -> r.functionName(functionArn)).configuration();
        byte[] zip = knownCode.get(function.codeSha256());
        if (zip == null) {
            throw new IllegalStateException("The test bed cannot run function " + function.functionName()
                    + ": its code (SHA-256 " + function.codeSha256() + ") is none it knows");
        }
        Path code = null;
        try {
            code = Files.createTempDirectory("lambda-" + function.functionName());
            unzip(zip, code);
            String module = function.handler().substring(0, function.handler().lastIndexOf('.'));
            String handler = function.handler().substring(function.handler().lastIndexOf('.') + 1);
            Map<String, String> environment = new java.util.HashMap<>(function.environment() == null ? Map.of()
                    : function.environment().variables());
            // What Lambda gives a function: its region and (here dummy) credentials; the emulator as AWS.
            environment.put("AWS_REGION", MotoServer.REGION);
            environment.put("AWS_DEFAULT_REGION", MotoServer.REGION);
            environment.put("AWS_ACCESS_KEY_ID", "testing");
            environment.put("AWS_SECRET_ACCESS_KEY", "testing");
            environment.put("AWS_ENDPOINT_URL", System.getProperty("aws.endpointUrl"));
            runs.add(python("import importlib, json, sys; print(json.dumps(getattr(importlib.import_module("
                    + "sys.argv[1]), sys.argv[2])(json.load(sys.stdin), None)))", List.of(module, handler),
                    environment, event, code));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(code);
        }
    }

    /**
     * Runs Python code in the origin updater's Python with {@code input} on its standard input; returns the last
     * line it printed, or "failed: " and all it said.
     */
    private static String python(String code, List<String> arguments, Map<String, String> environment, String input,
                                 Path folder) {
        List<String> command = new java.util.ArrayList<>(List.of(PythonTests.python(ENVIRONMENT).toString(), "-c",
                code));
        command.addAll(arguments);
        ProcessBuilder python = new ProcessBuilder(command).redirectErrorStream(true);
        if (folder != null) {
            python.directory(folder.toFile());
        }
        python.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        python.environment().putAll(environment);
        python.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        try {
            Process process = python.start();
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "failed: " + output;
            }
            return output.substring(output.lastIndexOf('\n') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ECS's "Task State Change" event for the task, with the fields ECS documents (those moto knows). */
    private static String event(Task task) {
        ObjectNode event = JSON.createObjectNode();
        String[] arn = task.taskArn().split(":");
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "ECS Task State Change")
                .put("source", "aws.ecs").put("account", arn[4]).put("time", Instant.now().toString())
                .put("region", arn[3]);
        event.putArray("resources").add(task.taskArn());
        ObjectNode detail = event.putObject("detail");
        detail.put("clusterArn", task.clusterArn()).put("taskArn", task.taskArn())
                .put("taskDefinitionArn", task.taskDefinitionArn()).put("group", task.group())
                .put("launchType", "FARGATE").put("lastStatus", task.lastStatus())
                .put("desiredStatus", task.desiredStatus());
        ArrayNode attachments = detail.putArray("attachments");
        for (Attachment attachment : task.attachments()) {
            ObjectNode eni = attachments.addObject().put("id", attachment.id()).put("type", "eni")
                    .put("status", "ATTACHED");
            ArrayNode details = eni.putArray("details");
            attachment.details().forEach(d -> details.addObject().put("name", d.name()).put("value", d.value()));
        }
        return event.toString();
    }

    private static void unzip(byte[] zip, Path into) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path file = into.resolve(entry.getName()).normalize();
                if (!file.startsWith(into)) {
                    throw new IOException("A zip entry outside the folder: " + entry.getName());
                }
                Files.createDirectories(file.getParent());
                Files.copy(entries, file);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
