package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;

import java.util.Optional;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * AWS-managed prefix lists: address ranges that AWS publishes and keeps up to date, which a security group rule
 * can name instead of addresses. The hub's port is opened to CloudFront's origin-facing list, so that only
 * CloudFront reaches it — and CloudFront only with HTTPS in front.
 */
public final class PrefixLists {

    /** CloudFront's addresses towards origins, in every region under this one global name. */
    public static final String CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";
    /** The owner AWS's own lists have; a list someone in the account made under the same name is not it. */
    static final String AWS_OWNER = "AWS";

    /**
     * A managed prefix list.
     *
     * @param weight how many rules it counts as against a security group's quota: its maximum number of entries
     *               (CloudFront's counts as 55 of the 60 inbound rules a group may have by default); 0 when AWS
     *               does not say
     */
    public record PrefixList(String id, String name, int weight) {
    }

    private final AwsClients aws;

    public PrefixLists(AwsClients aws) {
        this.aws = aws;
    }

    /** CloudFront's origin-facing list in the client's region. */
    public PrefixList cloudFrontOriginFacing() throws ProblemException {
        Optional<ManagedPrefixList> list = call("ec2:DescribeManagedPrefixLists", () -> aws.ec2()
                .describeManagedPrefixListsPaginator(r -> r.filters(Filter.builder().name("prefix-list-name")
                        .values(CLOUDFRONT_ORIGIN_FACING).build()))
                .prefixLists().stream().filter(p -> AWS_OWNER.equals(p.ownerId())).findFirst());
        ManagedPrefixList found = list.orElseThrow(() -> new ProblemException(
                "CloudFront's address list was not found in this region",
                "AWS publishes " + CLOUDFRONT_ORIGIN_FACING + " in every commercial region, but this region's EC2 "
                        + "does not list it, so the hub's port could not be opened to CloudFront alone",
                "Pick another region in the settings, or turn off \"HTTPS on an AWS address\", then press Retry"));
        return new PrefixList(found.prefixListId(), found.prefixListName(),
                found.maxEntries() == null ? 0 : found.maxEntries());
    }
}
