package dev.hubwizard.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.CreateSubnetResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpcResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The ids of what these clients created moments ago (and the certificates they saw issued): AWS may not know
 * them everywhere yet. A call that gets NotFound for one of them is asked again, with back-off, while the id is
 * younger than {@link EventualConsistency#newIds()}; a NotFound for anything else is an answer. The id is
 * recognised in AWS's message, which names it ("The vpc ID 'vpc-0a1b' does not exist").
 */
final class FreshIds implements ExecutionInterceptor {

    /** Elastic Load Balancing's answers for a certificate it does not know yet, or not as issued. */
    private static final Set<String> CERTIFICATE_NOT_YET = Set.of("CertificateNotFound", "UnsupportedCertificate");
    /**
     * Elastic Load Balancing's and EFS's answers for a subnet or security group they cannot see, whose messages
     * do not name it: taken for "not visible yet" while any of that kind is fresh.
     */
    private static final Map<String, String> UNNAMED_NOT_FOUND = Map.of("SubnetNotFound", "subnet-",
            "InvalidSecurityGroup", "sg-", "SecurityGroupNotFound", "sg-");

    private final Duration window;
    private final Map<String, Long> madeAt = new ConcurrentHashMap<>();

    FreshIds(Duration window) {
        this.window = window;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        created(context.response()).ifPresent(this::add);
    }

    private static Optional<String> created(SdkResponse response) {
        if (response instanceof CreateVpcResponse r) {
            return Optional.ofNullable(r.vpc()).map(v -> v.vpcId());
        }
        if (response instanceof CreateSubnetResponse r) {
            return Optional.ofNullable(r.subnet()).map(s -> s.subnetId());
        }
        if (response instanceof CreateSecurityGroupResponse r) {
            return Optional.ofNullable(r.groupId());
        }
        if (response instanceof CreateInternetGatewayResponse r) {
            return Optional.ofNullable(r.internetGateway()).map(g -> g.internetGatewayId());
        }
        if (response instanceof CreateRouteTableResponse r) {
            return Optional.ofNullable(r.routeTable()).map(t -> t.routeTableId());
        }
        return Optional.empty();
    }

    /** Something that just came into being (a certificate just issued), for what AWS says of it next. */
    void add(String id) {
        madeAt.put(id, System.nanoTime());
    }

    /**
     * Whether {@code failure} is AWS not knowing a fresh id yet: EC2's {@code *.NotFound}, ECS passing EC2's
     * NotFound on (InvalidParameterException "... (ErrorCode: InvalidSubnetID.NotFound)"), or ELB's
     * CertificateNotFound / UnsupportedCertificate — each naming an id made moments ago; or ELB's and EFS's
     * subnet and security group answers while one of that kind is fresh.
     */
    boolean notVisibleYet(Throwable failure) {
        if (!(failure instanceof AwsServiceException e) || e.awsErrorDetails() == null
                || e.awsErrorDetails().errorCode() == null) {
            return false;
        }
        String code = e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails().errorMessage() == null ? "" : e.awsErrorDetails().errorMessage();
        String unnamedKind = UNNAMED_NOT_FOUND.get(code);
        if (unnamedKind != null) {
            return fresh().anyMatch(id -> id.startsWith(unnamedKind));
        }
        boolean notFound = code.endsWith(".NotFound") || CERTIFICATE_NOT_YET.contains(code)
                || "InvalidParameterException".equals(code) && message.contains(".NotFound");
        if (!notFound) {
            return false;
        }
        return fresh().anyMatch(message::contains);
    }

    private Stream<String> fresh() {
        long now = System.nanoTime();
        madeAt.values().removeIf(at -> now - at > window.toNanos());
        return madeAt.keySet().stream();
    }
}
