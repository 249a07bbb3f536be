package dev.hubwizard.aws;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import static dev.hubwizard.aws.AwsCall.call;

/**
 * STS GetCallerIdentity: proves the credentials work and shows whose they are. Needs no IAM
 * permission, so a failure here is about the credentials themselves (or the region).
 */
public final class AwsIdentity {

    private final AwsClients aws;

    public AwsIdentity(AwsClients aws) {
        this.aws = aws;
    }

    public CallerIdentity whoAmI() throws ProblemException {
        GetCallerIdentityResponse identity = call("sts:GetCallerIdentity", () -> aws.sts().getCallerIdentity());
        return new CallerIdentity(identity.account(), identity.arn(), identity.userId());
    }
}
