package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The load balancer's listeners. With a certificate: HTTPS on 443 with it and a TLS 1.3/1.2 policy,
 * forwarding to the hub, and HTTP on 80 answering only with a permanent redirect to HTTPS, so that nobody
 * types a password over plain HTTP. Without one: HTTP on 80, forwarding. A listener this profile made that is
 * no longer wanted (the domain was removed) is deleted.
 */
public final class Listeners {

    /** TLS 1.3 and 1.2 with forward secrecy: AWS's recommended policy for new HTTPS listeners. */
    public static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /** What one listener must be. */
    record Wanted(int port, ProtocolEnum protocol, String certificateArn, Action action) {

        String describe() {
            return protocol + " " + port + (action.type() == ActionTypeEnum.REDIRECT ? ", redirecting to HTTPS"
                    : ", forwarding to the hub") + (certificateArn.isEmpty() ? "" : ", with the certificate and "
                    + TLS_POLICY);
        }
    }

    private final AwsClients aws;
    private final ProfileTags tags;

    public Listeners(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** @param certificateArn the HTTPS listener's certificate, or empty for plain HTTP */
    public List<Listener> ensure(StepContext ctx, HubLoadBalancer balancer, String certificateArn)
            throws ProblemException {
        List<Listener> existing = describe(balancer.arn());
        List<Listener> result = new ArrayList<>();
        List<Wanted> wanted = wanted(balancer, certificateArn);
        for (Wanted listener : wanted) {
            Optional<Listener> current = existing.stream().filter(l -> l.port() == listener.port()).findFirst();
            if (current.isEmpty()) {
                result.add(create(ctx, balancer, listener));
            } else {
                result.add(current.get());
                adopt(ctx, balancer, current.get());
                if (!asWanted(current.get(), listener)) {
                    modify(current.get(), listener);
                    ctx.log().info("Listener " + listener.port() + " of " + balancer.name() + " is now "
                            + listener.describe());
                }
            }
        }
        for (Listener stale : existing) {
            boolean unwanted = wanted.stream().noneMatch(w -> w.port() == stale.port());
            if (unwanted && ctx.journal().findById(ResourceKind.LISTENER, stale.listenerArn()).isPresent()) {
                run("elasticloadbalancing:DeleteListener", () -> aws.elbv2().deleteListener(r -> r
                        .listenerArn(stale.listenerArn())));
                ctx.journal().forget(ResourceKind.LISTENER, stale.listenerArn());
                ctx.log().info("Deleted listener " + stale.port() + " of " + balancer.name() + ": no longer wanted");
            }
        }
        return result;
    }

    /** Deletes the recorded listener (see {@link Deletion}); one whose load balancer is gone is gone. */
    public void delete(StepContext ctx, ResourceRecord record)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "listener", () -> byArn(record.id()),
                l -> ElbTags.of(aws, l.listenerArn()),
                l -> run("elasticloadbalancing:DeleteListener", () -> aws.elbv2().deleteListener(r -> r
                        .listenerArn(record.id()))));
    }

    /** @param balancer the load balancer if it exists, else empty: then every listener is new */
    public List<Intent> preview(Journal journal, Optional<HubLoadBalancer> balancer, String loadBalancerName,
                                boolean https) throws ProblemException {
        List<Intent> intents = new ArrayList<>();
        List<Listener> existing = balancer.isPresent() ? describe(balancer.get().arn()) : List.of();
        // The certificate and target group may not exist yet: compare what can be compared.
        List<Wanted> wanted = wanted(new HubLoadBalancer("", loadBalancerName, "", "",
                balancer.map(HubLoadBalancer::targetGroupArn).orElse("")), https ? "(certificate)" : "");
        for (Wanted listener : wanted) {
            String name = loadBalancerName + ":" + listener.port();
            Optional<Listener> current = existing.stream().filter(l -> l.port() == listener.port()).findFirst();
            if (current.isEmpty()) {
                intents.add(Intent.create("listener", name, listener.describe()));
            } else if (sameShape(current.get(), listener)) {
                intents.add(Intent.reuse("listener", name, listener.describe()));
            } else {
                intents.add(Intent.change("listener", name, listener.describe()));
            }
        }
        for (Listener stale : existing) {
            if (wanted.stream().noneMatch(w -> w.port() == stale.port())
                    && journal.findById(ResourceKind.LISTENER, stale.listenerArn()).isPresent()) {
                intents.add(Intent.delete("listener", loadBalancerName + ":" + stale.port(), "no longer wanted"));
            }
        }
        return intents;
    }

    private static List<Wanted> wanted(HubLoadBalancer balancer, String certificateArn) {
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(balancer.targetGroupArn()).build();
        if (certificateArn.isEmpty()) {
            return List.of(new Wanted(SecurityGroups.HTTP_PORT, ProtocolEnum.HTTP, "", forward));
        }
        Action redirect = Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(r -> r.protocol("HTTPS")
                .port(String.valueOf(SecurityGroups.HTTPS_PORT)).statusCode(RedirectActionStatusCodeEnum.HTTP_301))
                .build();
        return List.of(new Wanted(SecurityGroups.HTTP_PORT, ProtocolEnum.HTTP, "", redirect),
                new Wanted(SecurityGroups.HTTPS_PORT, ProtocolEnum.HTTPS, certificateArn, forward));
    }

    private Listener create(StepContext ctx, HubLoadBalancer balancer, Wanted wanted) throws ProblemException {
        // The load balancer's own name, as AwsTexts#listenerName makes it for the profile's.
        String name = balancer.name() + ":" + wanted.port();
        Listener created = call("elasticloadbalancing:CreateListener", () -> aws.elbv2().createListener(r -> {
            r.loadBalancerArn(balancer.arn()).port(wanted.port()).protocol(wanted.protocol())
                    .defaultActions(wanted.action()).tags(tags.elbv2(name));
            if (!wanted.certificateArn().isEmpty()) {
                r.certificates(Certificate.builder().certificateArn(wanted.certificateArn()).build())
                        .sslPolicy(TLS_POLICY);
            }
        }).listeners().get(0));
        ctx.recordCreated(ResourceKind.LISTENER, created.listenerArn(), name,
                java.util.Map.of("loadBalancer", balancer.arn()));
        ctx.log().info("Created listener " + wanted.describe() + " on " + balancer.name());
        return created;
    }

    /** A listener a run made and did not get to record (it died in between) is this profile's. */
    private void adopt(StepContext ctx, HubLoadBalancer balancer, Listener listener) throws ProblemException {
        if (ctx.journal().findById(ResourceKind.LISTENER, listener.listenerArn()).isEmpty()
                && tags.ownedBy(ElbTags.of(aws, listener.listenerArn()))) {
            ctx.recordCreated(ResourceKind.LISTENER, listener.listenerArn(), balancer.name() + ":" + listener.port(),
                    java.util.Map.of("loadBalancer", balancer.arn()));
        }
    }

    private void modify(Listener current, Wanted wanted) throws ProblemException {
        run("elasticloadbalancing:ModifyListener", () -> aws.elbv2().modifyListener(r -> {
            r.listenerArn(current.listenerArn()).port(wanted.port()).protocol(wanted.protocol())
                    .defaultActions(wanted.action());
            if (!wanted.certificateArn().isEmpty()) {
                r.certificates(Certificate.builder().certificateArn(wanted.certificateArn()).build())
                        .sslPolicy(TLS_POLICY);
            }
        }));
    }

    static boolean asWanted(Listener current, Wanted wanted) {
        if (!sameShape(current, wanted)) {
            return false;
        }
        Action action = current.defaultActions().get(0);
        if (action.type() == ActionTypeEnum.FORWARD && !wanted.action().targetGroupArn().equals(forwardTarget(action))) {
            return false;
        }
        String certificate = current.certificates().stream().map(Certificate::certificateArn).findFirst().orElse("");
        return certificate.equals(wanted.certificateArn());
    }

    /** Protocol, policy and kind of action as wanted; ids (target group, certificate) not compared. */
    private static boolean sameShape(Listener current, Wanted wanted) {
        if (current.protocol() != wanted.protocol() || current.defaultActions().size() != 1) {
            return false;
        }
        if (wanted.protocol() == ProtocolEnum.HTTPS && !TLS_POLICY.equals(current.sslPolicy())) {
            return false;
        }
        Action action = current.defaultActions().get(0);
        if (action.type() != wanted.action().type()) {
            return false;
        }
        if (action.type() == ActionTypeEnum.REDIRECT) {
            var now = action.redirectConfig();
            var want = wanted.action().redirectConfig();
            return now != null && Objects.equals(now.protocol(), want.protocol())
                    && Objects.equals(now.port(), want.port()) && now.statusCode() == want.statusCode();
        }
        return true;
    }

    /** The target group a forward action sends to, in either of the two ways ELB writes it. */
    private static String forwardTarget(Action action) {
        if (action.targetGroupArn() != null) {
            return action.targetGroupArn();
        }
        return action.forwardConfig() == null || action.forwardConfig().targetGroups().isEmpty() ? ""
                : action.forwardConfig().targetGroups().get(0).targetGroupArn();
    }

    private List<Listener> describe(String loadBalancerArn) throws ProblemException {
        return call("elasticloadbalancing:DescribeListeners", () -> {
            try {
                return aws.elbv2().describeListenersPaginator(r -> r.loadBalancerArn(loadBalancerArn)).listeners()
                        .stream().toList();
            } catch (LoadBalancerNotFoundException e) {
                return List.of();
            }
        });
    }

    private Optional<Listener> byArn(String arn) throws ProblemException {
        return call("elasticloadbalancing:DescribeListeners", () -> {
            try {
                return aws.elbv2().describeListeners(r -> r.listenerArns(arn)).listeners().stream().findFirst();
            } catch (ListenerNotFoundException | LoadBalancerNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
