package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

import java.util.Map;

import static dev.hubwizard.aws.AwsCall.call;

/** The tags of a load balancer, target group or listener: ELB hands them out apart from the resource. */
final class ElbTags {

    private ElbTags() {
    }

    static Map<String, String> of(AwsClients aws, String arn) throws ProblemException {
        return call("elasticloadbalancing:DescribeTags", () -> aws.elbv2().describeTags(r -> r.resourceArns(arn))
                .tagDescriptions().stream().findFirst().map(TagDescription::tags).map(ProfileTags::fromElbv2)
                .orElse(Map.of()));
    }
}
