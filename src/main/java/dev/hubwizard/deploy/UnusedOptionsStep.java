package dev.hubwizard.deploy;

import dev.hubwizard.aws.ResourceKind;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.Step;
import dev.hubwizard.engine.StepContext;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says what an option turned off left behind. A deploy never deletes: the resources of an option the
 * user turned off (the load balancer, the certificate, the Cognito user pool with its people, the file
 * system with their files) stay in AWS and on the journal, where Tear down finds them. They are still
 * billed, so the plan lists them as kept and the deploy warns about each, rather than saying nothing.
 * Reads the journal only.
 */
final class UnusedOptionsStep implements Step {

    static final String ID = "unused-options";
    /** Billed by use alone (requests, invocations), so nothing while unused. */
    private static final Set<String> FREE_WHEN_IDLE = Set.of(ResourceKind.DISTRIBUTION, ResourceKind.EVENT_RULE,
            ResourceKind.LAMBDA_FUNCTION, ResourceKind.ORIGIN_UPDATER_ROLE, ResourceKind.VIEWER_FUNCTION,
            ResourceKind.USERS_SECURITY_GROUP);

    private final Profile profile;

    UnusedOptionsStep(Profile profile) {
        this.profile = profile;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Resources of options turned off";
    }

    @Override
    public void run(StepContext context) {
        for (Intent unused : preview(context)) {
            context.log().warn(unused.kind() + " " + unused.name() + " is " + unused.detail());
        }
    }

    @Override
    public List<Intent> preview(StepContext context) {
        List<Intent> intents = new ArrayList<>();
        offOptions().forEach((option, kinds) -> {
            for (String kind : kinds) {
                for (ResourceRecord record : context.journal().ofKind(kind)) {
                    intents.add(Intent.keep(label(kind), record.name().isBlank() ? record.id() : record.name(),
                            "no longer used since " + option + ", and "
                                    + (FREE_WHEN_IDLE.contains(kind) ? "free while nobody uses it"
                                    : "still billed") + "; Tear down removes it (turning the option on again uses it "
                                    + "again)"));
                }
            }
        });
        return intents;
    }

    /** Why resources are unused ("... was turned off"), with the journal kinds they have. */
    private Map<String, List<String>> offOptions() {
        Map<String, List<String>> off = new LinkedHashMap<>();
        if (!profile.options().stableAddress()) {
            off.put("\"Stable address\" was turned off", List.of(ResourceKind.LISTENER, ResourceKind.TARGET_GROUP,
                    ResourceKind.LOAD_BALANCER, ResourceKind.LOAD_BALANCER_SECURITY_GROUP));
        }
        if (!profile.options().ownDomain()) {
            off.put("the domain name was turned off", List.of(ResourceKind.CERTIFICATE, ResourceKind.DNS_RECORD));
        }
        if (profile.hub().signIn() != SignIn.COGNITO) {
            off.put("Cognito sign-in was turned off", List.of(ResourceKind.USER_POOL_CLIENT,
                    ResourceKind.USER_POOL_DOMAIN, ResourceKind.USER_POOL, ResourceKind.SECRET));
        }
        if (!profile.options().awsAddress()) {
            off.put("\"HTTPS on an AWS address\" was turned off", List.of(ResourceKind.EVENT_RULE,
                    ResourceKind.LAMBDA_FUNCTION, ResourceKind.ORIGIN_UPDATER_ROLE, ResourceKind.DISTRIBUTION,
                    ResourceKind.VIEWER_FUNCTION));
        } else {
            if (profile.network().isOpenToAnywhere()) {
                off.put("the hub was opened to anyone", List.of(ResourceKind.VIEWER_FUNCTION));
            }
            if (profile.options().stableAddress()) {
                // Behind a load balancer the address does not move: nothing follows the task any more.
                off.put("the load balancer took over the address (CloudFront no longer reaches the task)",
                        List.of(ResourceKind.EVENT_RULE, ResourceKind.LAMBDA_FUNCTION, ResourceKind.ORIGIN_UPDATER_ROLE));
            }
        }
        if (!profile.options().keepUserFiles()) {
            off.put("\"Keep users' files\" was turned off", List.of(ResourceKind.FILE_SYSTEM,
                    ResourceKind.ACCESS_POINT, ResourceKind.MOUNT_TARGET, ResourceKind.FILE_SYSTEM_SECURITY_GROUP));
        }
        if (!profile.servers().onFargate()) {
            off.put("users' servers moved back into the hub", List.of(ResourceKind.USERS_SECURITY_GROUP,
                    ResourceKind.PRIVATE_ZONE));
        }
        return off;
    }

    private static String label(String kind) {
        return switch (kind) {
            case ResourceKind.LISTENER -> "listener";
            case ResourceKind.TARGET_GROUP -> "target group";
            case ResourceKind.LOAD_BALANCER -> "load balancer";
            case ResourceKind.LOAD_BALANCER_SECURITY_GROUP -> "load balancer's security group";
            case ResourceKind.CERTIFICATE -> "certificate";
            case ResourceKind.DNS_RECORD -> "DNS record";
            case ResourceKind.USER_POOL_CLIENT -> "Cognito app client";
            case ResourceKind.USER_POOL_DOMAIN -> "Cognito sign-in domain";
            case ResourceKind.USER_POOL -> "Cognito user pool";
            case ResourceKind.SECRET -> "secret";
            case ResourceKind.FILE_SYSTEM -> "file system with the users' files";
            case ResourceKind.ACCESS_POINT -> "file system access point";
            case ResourceKind.MOUNT_TARGET -> "file system mount target";
            case ResourceKind.FILE_SYSTEM_SECURITY_GROUP -> "file system's security group";
            case ResourceKind.USERS_SECURITY_GROUP -> "users' servers' security group";
            case ResourceKind.PRIVATE_ZONE -> "Route 53 private zone of the hub's name";
            case ResourceKind.DISTRIBUTION -> "CloudFront distribution";
            case ResourceKind.EVENT_RULE -> "EventBridge rule";
            case ResourceKind.LAMBDA_FUNCTION -> "Lambda function";
            case ResourceKind.ORIGIN_UPDATER_ROLE -> "origin updater's IAM role";
            case ResourceKind.VIEWER_FUNCTION -> "CloudFront function";
            default -> kind;
        };
    }
}
