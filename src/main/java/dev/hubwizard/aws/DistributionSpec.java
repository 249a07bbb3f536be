package dev.hubwizard.aws;

import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CachedMethods;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.EventType;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociations;
import software.amazon.awssdk.services.cloudfront.model.HttpVersion;
import software.amazon.awssdk.services.cloudfront.model.Method;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.OriginSslProtocols;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.PriceClass;
import software.amazon.awssdk.services.cloudfront.model.SslProtocol;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the hub's CloudFront distribution must be: HTTPS on its {@code cloudfront.net} name (AWS's certificate;
 * plain HTTP answered with a redirect), in front of one custom origin reached over HTTP — the hub's task on port
 * 8000, or its load balancer on 80 — with everything JupyterHub needs passed through and nothing cached:
 * <ul>
 *   <li>AWS's managed cache policy <em>CachingDisabled</em>: no page or API answer is ever served from a cache;</li>
 *   <li>AWS's managed origin request policy <em>AllViewer</em>: every header (the browser's {@code Host} among
 *       them, so that JupyterHub's and Jupyter Server's origin checks compare the browser's {@code Origin} with
 *       the address it used; {@code Authorization}, which CloudFront forwards under a policy only while nothing
 *       is cached; WebSocket's upgrade headers), every cookie and every query string;</li>
 *   <li>every method (GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE), only GET and HEAD ever cacheable;</li>
 *   <li>the longest origin timeouts CloudFront allows without a quota increase: 60 s to read an answer and 60 s
 *       to keep an idle connection. Jupyter Server pings a kernel's WebSocket every 30 s, so an idle kernel's
 *       connection stays open.</li>
 * </ul>
 *
 * @param comment          the distribution's comment: which profile's hub it serves (the console's list shows it)
 * @param originDomain     the origin's DNS name, or empty to keep what the distribution has (the hub's task
 *                         address, which the {@link OriginUpdater} and the hub URL step keep up to date)
 * @param originPort       8000 for the task itself, 80 for the load balancer
 * @param viewerFunctionArn a CloudFront function run on every viewer request (the allowed address range), or
 *                         empty for none
 * @param ipv6             whether people may come over IPv6 (off when only an IPv4 range is let in: an IPv6 viewer
 *                         could never match it)
 */
public record DistributionSpec(String comment, Optional<String> originDomain, int originPort,
                               String viewerFunctionArn, boolean ipv6) {

    /** The one origin's id. */
    public static final String ORIGIN_ID = "hub";
    /** AWS's managed cache policy CachingDisabled. */
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    /** AWS's managed origin request policy AllViewer. */
    static final String ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";
    /** Seconds; CloudFront's maximum without a quota increase, for both. */
    static final int ORIGIN_READ_TIMEOUT = 60;
    static final int ORIGIN_KEEPALIVE_TIMEOUT = 60;
    /**
     * The origin of a distribution made before the hub's first task runs: CloudFront needs a DNS name, and this
     * one never resolves (RFC 6761), so the address answers "502" until the task is there and the origin set.
     */
    public static final String NOT_STARTED = "hub-not-started.invalid";
    private static final List<Method> ALL_METHODS = List.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.PUT,
            Method.PATCH, Method.POST, Method.DELETE);
    private static final List<Method> CACHED_METHODS = List.of(Method.GET, Method.HEAD);

    public DistributionSpec {
        Objects.requireNonNull(comment);
        originDomain = originDomain == null ? Optional.empty() : originDomain;
        viewerFunctionArn = viewerFunctionArn == null ? "" : viewerFunctionArn;
    }

    /** A new distribution's configuration. */
    DistributionConfig create(String callerReference) {
        return applyTo(DistributionConfig.builder().callerReference(callerReference).build(), NOT_STARTED);
    }

    /** {@code current} changed to this spec; what this spec leaves open (the origin's name) stays as it is. */
    DistributionConfig applyTo(DistributionConfig current) {
        return applyTo(current, currentOrigin(current).orElse(NOT_STARTED));
    }

    private DistributionConfig applyTo(DistributionConfig current, String keptOrigin) {
        Origin origin = Origin.builder().id(ORIGIN_ID).domainName(originDomain.orElse(keptOrigin)).originPath("")
                .connectionAttempts(3).connectionTimeout(10)
                .customOriginConfig(CustomOriginConfig.builder().httpPort(originPort).httpsPort(443)
                        .originProtocolPolicy(OriginProtocolPolicy.HTTP_ONLY)
                        .originSslProtocols(OriginSslProtocols.builder().quantity(1).items(SslProtocol.TLS_V1_2).build())
                        .originReadTimeout(ORIGIN_READ_TIMEOUT).originKeepaliveTimeout(ORIGIN_KEEPALIVE_TIMEOUT)
                        .build())
                .build();
        List<FunctionAssociation> functions = viewerFunctionArn.isEmpty() ? List.of()
                : List.of(FunctionAssociation.builder().eventType(EventType.VIEWER_REQUEST)
                .functionARN(viewerFunctionArn).build());
        DefaultCacheBehavior behavior = DefaultCacheBehavior.builder().targetOriginId(ORIGIN_ID)
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .cachePolicyId(CACHING_DISABLED).originRequestPolicyId(ALL_VIEWER)
                .allowedMethods(AllowedMethods.builder().quantity(ALL_METHODS.size()).items(ALL_METHODS)
                        .cachedMethods(CachedMethods.builder().quantity(CACHED_METHODS.size()).items(CACHED_METHODS)
                                .build())
                        .build())
                .compress(false)
                .functionAssociations(FunctionAssociations.builder().quantity(functions.size()).items(functions)
                        .build())
                .build();
        return current.toBuilder().comment(comment).enabled(true)
                .origins(Origins.builder().quantity(1).items(origin).build())
                .defaultCacheBehavior(behavior)
                .priceClass(PriceClass.PRICE_CLASS_ALL).httpVersion(HttpVersion.HTTP2).isIPV6Enabled(ipv6)
                .viewerCertificate(ViewerCertificate.builder().cloudFrontDefaultCertificate(true).build())
                .build();
    }

    /** What differs between {@code current} and this spec, in words; empty when nothing does. */
    List<String> differences(DistributionConfig current) {
        List<String> differences = new ArrayList<>();
        if (!comment.equals(current.comment())) {
            differences.add("its comment");
        }
        if (!Boolean.TRUE.equals(current.enabled())) {
            differences.add("it is disabled");
        }
        Optional<Origin> origin = current.origins() == null ? Optional.empty() : current.origins().items().stream()
                .filter(o -> ORIGIN_ID.equals(o.id())).findFirst();
        if (origin.isEmpty() || current.origins().items().size() != 1) {
            differences.add("its origins");
        } else {
            CustomOriginConfig custom = origin.get().customOriginConfig();
            if (originDomain.isPresent() && !originDomain.get().equals(origin.get().domainName())) {
                differences.add("its origin (" + origin.get().domainName() + ", not " + originDomain.get() + ")");
            }
            if (custom == null || !Objects.equals(custom.httpPort(), originPort)
                    || custom.originProtocolPolicy() != OriginProtocolPolicy.HTTP_ONLY
                    || !Objects.equals(custom.originReadTimeout(), ORIGIN_READ_TIMEOUT)
                    || !Objects.equals(custom.originKeepaliveTimeout(), ORIGIN_KEEPALIVE_TIMEOUT)) {
                differences.add("how it reaches the origin");
            }
        }
        DefaultCacheBehavior behavior = current.defaultCacheBehavior();
        if (behavior == null || !ORIGIN_ID.equals(behavior.targetOriginId())
                || behavior.viewerProtocolPolicy() != ViewerProtocolPolicy.REDIRECT_TO_HTTPS
                || !CACHING_DISABLED.equals(behavior.cachePolicyId())
                || !ALL_VIEWER.equals(behavior.originRequestPolicyId())
                || behavior.allowedMethods() == null
                || !List.copyOf(behavior.allowedMethods().items()).containsAll(ALL_METHODS)) {
            differences.add("what it passes to the hub");
        }
        List<String> functions = behavior == null || behavior.functionAssociations() == null ? List.of()
                : behavior.functionAssociations().items().stream().map(FunctionAssociation::functionARN).toList();
        if (!functions.equals(viewerFunctionArn.isEmpty() ? List.of() : List.of(viewerFunctionArn))
                || !Objects.equals(current.isIPV6Enabled(), ipv6)) {
            differences.add("who it lets in");
        }
        if (current.cacheBehaviors() != null && current.cacheBehaviors().quantity() != null
                && current.cacheBehaviors().quantity() > 0) {
            differences.add("its extra cache behaviours");
        }
        return differences;
    }

    /** The origin's DNS name in {@code config}. */
    static Optional<String> currentOrigin(DistributionConfig config) {
        return config.origins() == null ? Optional.empty() : config.origins().items().stream()
                .filter(o -> ORIGIN_ID.equals(o.id())).map(Origin::domainName).findFirst();
    }
}
