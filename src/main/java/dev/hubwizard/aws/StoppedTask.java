package dev.hubwizard.aws;

import dev.hubwizard.engine.Problem;

import java.util.List;
import java.util.Locale;

/**
 * A task ECS stopped, with what it said about why and the last lines the container logged: the
 * most common way a deploy fails, explained in plain words with what to do next.
 *
 * @param exitCode the hub container's exit code; null when it never ran
 */
public record StoppedTask(String taskArn, String stoppedReason, String containerReason, Integer exitCode,
                          List<String> logLines) {

    public StoppedTask {
        stoppedReason = stoppedReason == null ? "" : stoppedReason;
        containerReason = containerReason == null ? "" : containerReason;
        logLines = List.copyOf(logLines);
    }

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public Problem problem() {
        String everything = (stoppedReason + "\n" + containerReason + "\n" + String.join("\n", logLines))
                .toLowerCase(Locale.ROOT);
        String why = "ECS stopped task " + taskId() + ": " + stoppedReason
                + (containerReason.isBlank() ? "" : " (" + containerReason + ")")
                + (exitCode == null ? "" : ", exit code " + exitCode)
                + (logLines.isEmpty() ? "" : "; last log line: " + logLines.get(logLines.size() - 1));
        if (everything.contains("exec format error")) {
            return new Problem("The hub image does not fit the task's CPU", why
                    + ". The image was built for another CPU architecture than the Fargate task runs",
                    "Rebuild the image for the task's architecture (or set the task's architecture to the "
                            + "image's in the profile), then deploy again");
        }
        if (everything.contains("cannotpullcontainer") || everything.contains("pull image")
                || everything.contains("resourceinitializationerror")) {
            if (everything.contains("not found") || everything.contains("manifest unknown")) {
                return new Problem("Fargate could not find the hub image", why
                        + ". The image tag the task definition names is not in the repository",
                        "Run the Push step again, then deploy again");
            }
            return new Problem("Fargate could not download the hub image", why
                    + ". The task needs a way to ECR: a public IP in a subnet whose route table leads to an "
                    + "internet gateway, and an execution role allowed to pull",
                    "With 'A VPC of its own' Hub Wizard sets this up; with an existing VPC pick public subnets. "
                            + "Then press Retry");
        }
        if (everything.contains("outofmemory")) {
            return new Problem("The hub ran out of memory", why,
                    "Choose a larger task size (more memory) in the profile, then deploy again");
        }
        if (stoppedReason.toLowerCase(Locale.ROOT).contains("essential container in task exited")) {
            return new Problem("The hub stopped right after it started", why
                    + ". JupyterHub exited; its last log lines are in the log above",
                    "The same image should fail in 'Test locally' too: fix the hub's configuration there, "
                            + "rebuild, then deploy again");
        }
        return new Problem("ECS stopped the hub's task", why, "Read the log lines above, then press Retry");
    }
}
