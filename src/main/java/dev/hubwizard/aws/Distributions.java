package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Intent;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.StepContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.waiters.CloudFrontWaiter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.hubwizard.aws.AwsCall.call;
import static dev.hubwizard.aws.AwsCall.run;

/**
 * The hub's CloudFront distribution ({@link DistributionSpec} says what it is). A distribution is found by the
 * journal, or else by its comment (which names the profile) and the profile's tag, as a run that died right after
 * creating it left it; only then is one created, with its tags in the same call.
 *
 * <p>Every change is a read of the whole configuration with its ETag and a write of the whole configuration with
 * {@code IfMatch}: CloudFront refuses the write when someone changed the distribution since the read (the
 * {@link OriginUpdater}, whenever ECS starts a task), and it is then read again. A change takes minutes to reach
 * CloudFront's edge locations; {@link #waitUntilDeployed} waits for it.
 */
public final class Distributions {

    /** CloudFront documents no figure; a new distribution usually deploys in 5 to 15 minutes, a change in 2 to 5. */
    public static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration DEPLOY_POLL = Duration.ofSeconds(20);
    /** Writes refused because someone else changed the distribution meanwhile, before giving up. */
    private static final int ATTEMPTS = 5;

    private final AwsClients aws;
    private final ProfileTags tags;

    public Distributions(AwsClients aws, ProfileTags tags) {
        this.aws = aws;
        this.tags = tags;
    }

    /** Read-only, for previews: the recorded distribution AWS still has, or one found by comment and tag. */
    public Optional<HubDistribution> find(Journal journal, String name, String comment) throws ProblemException {
        return Journaled.find(journal, ResourceKind.DISTRIBUTION, name, this::byId, () -> byComment(comment));
    }

    /** Finds or creates the distribution, then changes whatever differs from {@code spec}. */
    public HubDistribution ensure(StepContext ctx, String name, DistributionSpec spec) throws ProblemException {
        Journaled.Outcome<HubDistribution> outcome = Journaled.ensure(ctx, ResourceKind.DISTRIBUTION,
                "CloudFront distribution", name, () -> find(ctx.journal(), name, spec.comment()),
                id -> byId(id).isEmpty(),
                () -> create(spec),
                new Journaled.Identity<>() {
                    @Override
                    public String id(HubDistribution d) {
                        return d.id();
                    }

                    @Override
                    public Map<String, String> attributes(HubDistribution d) {
                        return Map.of("arn", d.arn(), "domainName", d.domainName());
                    }

                    @Override
                    public boolean owned(HubDistribution d) throws ProblemException {
                        return tags.ownedBy(tagsOf(d.arn()));
                    }
                });
        HubDistribution distribution = outcome.resource();
        if (!outcome.created()) {
            change(ctx, distribution, spec);
        }
        return distribution;
    }

    private HubDistribution create(DistributionSpec spec) throws ProblemException {
        // A caller reference of its own each time: a retry after a crash finds the first by its tag instead.
        DistributionConfig config = spec.create(UUID.randomUUID().toString());
        Distribution created;
        try {
            created = aws.cloudFront().createDistributionWithTags(r -> r.distributionConfigWithTags(c -> c
                    .distributionConfig(config).tags(tags.cloudFront(spec.comment())))).distribution();
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
            if (message.contains("must be verified")) {
                throw new ProblemException(new Problem("AWS has not enabled CloudFront for this account yet",
                        "AWS answered: " + message + " (new accounts are sometimes verified before they may use "
                                + "CloudFront)",
                        "Open a case with AWS Support asking to enable CloudFront for the account, or turn off \"HTTPS "
                                + "on an AWS address\" in the settings for now (the hub is then plain HTTP), then "
                                + "press Retry"), e);
            }
            throw AwsProblems.explain("cloudfront:CreateDistribution", e);
        } catch (SdkClientException e) {
            throw AwsProblems.explain("cloudfront:CreateDistribution", e);
        }
        return new HubDistribution(created.id(), created.arn(), created.domainName());
    }

    /** Brings an existing distribution to {@code spec}: a read, and a write only when something differs. */
    private void change(StepContext ctx, HubDistribution distribution, DistributionSpec spec) throws ProblemException {
        for (int attempt = 1; ; attempt++) {
            GetDistributionConfigResponse current = config(distribution.id());
            List<String> differences = spec.differences(current.distributionConfig());
            if (differences.isEmpty()) {
                return;
            }
            try {
                update(distribution.id(), current.eTag(), spec.applyTo(current.distributionConfig()));
                ctx.log().info("Changed CloudFront distribution " + distribution.id() + ": "
                        + String.join(", ", differences));
                return;
            } catch (ProblemException e) {
                if (!AwsProblems.hasCode(e, "PreconditionFailed") || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The origin's DNS name now. */
    public Optional<String> origin(String distributionId) throws ProblemException {
        return DistributionSpec.currentOrigin(config(distributionId).distributionConfig());
    }

    /**
     * Points the origin at {@code domainName} (the hub's task, or its load balancer).
     *
     * @return whether the distribution changed (false: it pointed there already)
     */
    public boolean pointOrigin(StepContext ctx, String distributionId, String domainName) throws ProblemException {
        for (int attempt = 1; ; attempt++) {
            GetDistributionConfigResponse current = config(distributionId);
            DistributionConfig config = current.distributionConfig();
            if (DistributionSpec.currentOrigin(config).filter(domainName::equals).isPresent()) {
                return false;
            }
            DistributionConfig pointed = config.toBuilder().origins(config.origins().toBuilder().items(
                    config.origins().items().stream().map(o -> DistributionSpec.ORIGIN_ID.equals(o.id())
                            ? o.toBuilder().domainName(domainName).build() : o).toList()).build()).build();
            try {
                update(distributionId, current.eTag(), pointed);
                ctx.log().info("CloudFront distribution " + distributionId + " now sends people to " + domainName);
                return true;
            } catch (ProblemException e) {
                // The origin updater got there at the same moment: read again, probably to find it done.
                if (!AwsProblems.hasCode(e, "PreconditionFailed") || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Waits until the distribution's last change has reached CloudFront's edge locations (status Deployed), with
     * the SDK's waiter, for at most {@code timeout}.
     */
    public void waitUntilDeployed(StepContext ctx, String distributionId, Duration timeout)
            throws ProblemException, Cancellation.CancelledException {
        GetDistributionRequest request = GetDistributionRequest.builder().id(distributionId).build();
        try (CloudFrontWaiter waiter = aws.cloudFront().waiter()) {
            waiter.waitUntilDistributionDeployed(request, Waits.upTo(timeout, DEPLOY_POLL));
        } catch (AwsServiceException e) {
            throw AwsProblems.explain("cloudfront:GetDistribution", e);
        } catch (SdkClientException e) {
            ctx.throwIfCancelled();
            throw new ProblemException(new Problem("CloudFront has not finished deploying the hub's address",
                    "distribution " + distributionId + " is still InProgress after " + timeout.toMinutes() + " min",
                    "CloudFront sometimes takes longer: wait a few minutes, then press Retry"), e);
        }
    }

    /**
     * Deletes the recorded distribution (see {@link Deletion}): CloudFront deletes only a disabled distribution
     * whose disabling has reached every edge location, so it is disabled first and waited for (minutes). Each
     * stage is found again by a teardown run after an interruption: a disabled distribution is only waited for.
     */
    public void delete(StepContext ctx, ResourceRecord record, Duration timeout)
            throws ProblemException, Cancellation.CancelledException, InterruptedException {
        Deletion.delete(ctx, tags, record, "CloudFront distribution", () -> byId(record.id()),
                d -> tagsOf(d.arn()), d -> {
                    disable(ctx, d.id());
                    ctx.log().info("Waiting until CloudFront has disabled " + d.domainName()
                            + " at every edge location (usually a few minutes); then it can be deleted");
                    waitUntilDeployed(ctx, d.id(), timeout);
                    deleteDisabled(d.id());
                });
    }

    private void disable(StepContext ctx, String id) throws ProblemException {
        for (int attempt = 1; ; attempt++) {
            GetDistributionConfigResponse current = config(id);
            if (!Boolean.TRUE.equals(current.distributionConfig().enabled())) {
                return;
            }
            try {
                update(id, current.eTag(), current.distributionConfig().toBuilder().enabled(false).build());
                ctx.log().info("Disabled CloudFront distribution " + id + ": the hub's HTTPS address stops answering");
                return;
            } catch (ProblemException e) {
                if (!AwsProblems.hasCode(e, "PreconditionFailed") || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void deleteDisabled(String id) throws ProblemException {
        for (int attempt = 1; ; attempt++) {
            String eTag = call("cloudfront:GetDistribution", () -> aws.cloudFront().getDistribution(r -> r.id(id))
                    .eTag());
            try {
                run("cloudfront:DeleteDistribution", () -> aws.cloudFront().deleteDistribution(r -> r.id(id)
                        .ifMatch(eTag)));
                return;
            } catch (ProblemException e) {
                if (!AwsProblems.hasCode(e, "PreconditionFailed") || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** What {@link #ensure} would do, from read-only calls. */
    public Intent preview(Journal journal, String name, DistributionSpec spec, String detail) throws ProblemException {
        Optional<HubDistribution> found = find(journal, name, spec.comment());
        if (found.isEmpty()) {
            return Intent.create("CloudFront distribution", name, detail);
        }
        List<String> differences = spec.differences(config(found.get().id()).distributionConfig());
        String address = found.get().url().toString();
        return differences.isEmpty() ? Intent.reuse("CloudFront distribution", address, detail)
                : Intent.change("CloudFront distribution", address, detail + " (now different: "
                + String.join(", ", differences) + ")");
    }

    private GetDistributionConfigResponse config(String id) throws ProblemException {
        return call("cloudfront:GetDistributionConfig", () -> aws.cloudFront().getDistributionConfig(r -> r.id(id)));
    }

    private void update(String id, String eTag, DistributionConfig config) throws ProblemException {
        run("cloudfront:UpdateDistribution", () -> aws.cloudFront().updateDistribution(r -> r.id(id).ifMatch(eTag)
                .distributionConfig(config)));
    }

    private Optional<HubDistribution> byId(String id) throws ProblemException {
        return call("cloudfront:GetDistribution", () -> {
            try {
                Distribution d = aws.cloudFront().getDistribution(r -> r.id(id)).distribution();
                return Optional.of(new HubDistribution(d.id(), d.arn(), d.domainName()));
            } catch (NoSuchDistributionException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<HubDistribution> byComment(String comment) throws ProblemException {
        List<HubDistribution> candidates = call("cloudfront:ListDistributions", () -> aws.cloudFront()
                .listDistributionsPaginator(r -> r.maxItems("100")).stream()
                .flatMap(page -> page.distributionList().items().stream())
                .filter(d -> comment.equals(d.comment()))
                .map(d -> new HubDistribution(d.id(), d.arn(), d.domainName())).toList());
        for (HubDistribution candidate : candidates) {
            if (tags.ownedBy(tagsOf(candidate.arn()))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Map<String, String> tagsOf(String arn) throws ProblemException {
        return ProfileTags.fromCloudFront(call("cloudfront:ListTagsForResource", () -> aws.cloudFront()
                .listTagsForResource(r -> r.resource(arn)).tags()));
    }
}
