package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * How many VPCs the region allows and how many exist: the quota a new VPC most often hits (5 by
 * default). Read through Service Quotas, falling back to AWS's default when the account has no
 * applied value.
 */
public final class VpcQuota {

    /** Service Quotas' code for "VPCs per Region". */
    static final String QUOTA_CODE = "L-F678F1CE";

    public record Usage(int used, int limit) {
        public boolean full() {
            return used >= limit;
        }
    }

    private final AwsClients aws;

    public VpcQuota(AwsClients aws) {
        this.aws = aws;
    }

    public Usage read() throws ProblemException {
        int used = call("ec2:DescribeVpcs",
                () -> (int) aws.ec2().describeVpcsPaginator(b -> { }).vpcs().stream().count());
        double limit;
        try {
            limit = call("servicequotas:GetServiceQuota", () -> aws.serviceQuotas()
                    .getServiceQuota(b -> b.serviceCode("vpc").quotaCode(QUOTA_CODE)).quota().value());
        } catch (ProblemException e) {
            if (!(e.getCause() instanceof NoSuchResourceException)) {
                throw e;
            }
            limit = call("servicequotas:GetAWSDefaultServiceQuota", () -> aws.serviceQuotas()
                    .getAWSDefaultServiceQuota(b -> b.serviceCode("vpc").quotaCode(QUOTA_CODE)).quota().value());
        }
        return new Usage(used, (int) limit);
    }
}
