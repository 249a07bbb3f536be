package dev.hubwizard.operate;

import dev.hubwizard.aws.HubAddress;
import dev.hubwizard.aws.HubEndpoint;
import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.aws.ServiceScaling;
import dev.hubwizard.deploy.HubUrlStep;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;

import java.net.URI;
import java.util.List;

/**
 * Resumes a paused hub: its service runs one task again, and the step waits (as the deploy's hub URL step does)
 * until the hub answers, then records its address: a new public IP without a stable address.
 */
public final class ResumeStep implements Step {

    public static final String ID = "resume";

    private final Profile profile;
    private final ServiceScaling scaling;
    private final HubEndpoint endpoint;
    private final HubSummary summary;

    ResumeStep(Profile profile, ServiceScaling scaling, HubEndpoint endpoint, HubSummary summary) {
        this.profile = profile;
        this.scaling = scaling;
        this.endpoint = endpoint;
        this.summary = summary;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Resume the hub";
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        String cluster = profile.names().cluster();
        String service = profile.names().service();
        scaling.setDesiredCount(cluster, service, 1);
        summary.running();
        ctx.log().info("Service " + service + " runs one task again; waiting for it to start and answer");
        HubAddress address;
        if (profile.options().stableAddress()) {
            String targetGroup = ctx.journal().ofKind(ResourceKind.TARGET_GROUP).stream().findFirst()
                    .map(ResourceRecord::id).orElseThrow(() -> new ProblemException("The hub's target group is not"
                            + " on record", "the profile records no target group of its load balancer",
                            "Redeploy the hub, which finds or creates it"));
            address = endpoint.waitUntilHealthyBehind(ctx, cluster, service, targetGroup,
                    URI.create(profile.deployment().url()));
        } else {
            address = endpoint.waitUntilHealthy(ctx, cluster, service);
        }
        ctx.put(HubUrlStep.HUB_URL, address);
        summary.answersAt(address.url().toString());
    }

    @Override
    public List<Intent> preview(StepContext context) {
        return List.of(Intent.change("ECS service", profile.names().service(), "runs one task again"),
                Intent.run("Wait until the hub answers" + (profile.options().stableAddress() ? " at "
                        + profile.deployment().url() : " at its new public address")));
    }
}
