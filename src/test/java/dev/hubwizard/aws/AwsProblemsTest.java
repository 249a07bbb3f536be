package dev.hubwizard.aws;

import dev.hubwizard.engine.Problem;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The answers AWS gives, as real AWS gives them, and what the user reads for each. */
class AwsProblemsTest {

    private static AwsServiceException aws(String code, int status, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void accessDeniedNamesTheMissingPermissionAndThePolicyFile() {
        Problem problem = AwsProblems.problem("ecs:CreateService", aws("AccessDeniedException", 400,
                "User: arn:aws:iam::123456789012:user/ada is not authorized to perform: ecs:CreateService"));

        assertThat(problem.what()).isEqualTo("AWS refused ecs:CreateService");
        assertThat(problem.why()).contains("not allowed to ecs:CreateService").contains("user/ada");
        assertThat(problem.next()).contains("allow ecs:CreateService").contains("docs/iam-policy.json");
    }

    @Test
    void ec2sEncodedRefusalIsAccessDeniedToo() {
        assertThat(AwsProblems.problem("ec2:CreateVpc", aws("UnauthorizedOperation", 403,
                "You are not authorized to perform this operation. Encoded authorization failure message: x")).what())
                .isEqualTo("AWS refused ec2:CreateVpc");
    }

    @Test
    void expiredCredentialsSayHowToSignInAgain() {
        Problem problem = AwsProblems.problem("ecr:DescribeRepositories", aws("ExpiredTokenException", 400,
                "The security token included in the request is expired"));

        assertThat(problem.what()).isEqualTo("Your AWS sign-in has expired");
        assertThat(problem.next()).contains("Sign in again").doesNotContain("aws sso login");
        assertThat(problem.remedy()).isEqualTo(Problem.Remedy.SIGN_IN);
    }

    @Test
    void noCredentialsOfferTheSignInPageNotACommand() {
        Problem problem = AwsProblems.problem("sts:GetCallerIdentity", software.amazon.awssdk.core.exception
                .SdkClientException.create("Unable to load credentials from any of the providers in the chain"));

        assertThat(problem.what()).isEqualTo("No AWS credentials found");
        assertThat(problem.next()).contains("Sign in to AWS").doesNotContain("aws configure");
        assertThat(problem.remedy()).isEqualTo(Problem.Remedy.SIGN_IN);
    }

    @Test
    void anExpiredSsoSessionOffersSigningInAgain() {
        Problem problem = AwsProblems.problem("sts:GetCallerIdentity", software.amazon.awssdk.core.exception
                .SdkClientException.create("The SSO session associated with this profile has expired or is otherwise"
                        + " invalid. To refresh this SSO session run aws sso login with the corresponding profile."));

        assertThat(problem.what()).contains("SSO").contains("expired");
        assertThat(problem.next()).doesNotContain("aws sso login");
        assertThat(problem.remedy()).isEqualTo(Problem.Remedy.SIGN_IN);
    }

    @Test
    void anExpiredConsoleSessionSaysSoAndOffersTheOtherWays() {
        Problem problem = AwsProblems.problem("sts:GetCallerIdentity", software.amazon.awssdk.core.exception
                .SdkClientException.create("Your session has expired. Please reauthenticate."));

        assertThat(problem.what()).isEqualTo("Your console sign-in session has expired");
        assertThat(problem.next()).contains("IAM Identity Center or access keys");
        assertThat(problem.remedy()).isEqualTo(Problem.Remedy.SIGN_IN);
    }

    @Test
    void unknownKeysAreBadCredentialsEvenWhenOnlyTheStatusSaysSo() {
        assertThat(AwsProblems.problem("ecs:ListTasks", aws("UnrecognizedClientException", 400,
                "The security token included in the request is invalid.")).what())
                .isEqualTo("AWS did not accept your credentials");
        assertThat(AwsProblems.problem("sts:GetCallerIdentity", aws(null, 403, null)).what())
                .isEqualTo("AWS did not accept your credentials");
    }

    @Test
    void aDisabledRegionSaysWhereToEnableIt() {
        assertThat(AwsProblems.problem("ec2:DescribeVpcs", aws("OptInRequired", 401,
                "You are not subscribed to this service.")).next()).contains("Account settings");
    }

    @Test
    void theVpcQuotaOffersTheDefaultVpc() {
        Problem problem = AwsProblems.problem("ec2:CreateVpc", aws("VpcLimitExceeded", 400,
                "The maximum number of VPCs has been reached."));

        assertThat(problem.what()).contains("as many VPCs as AWS allows");
        assertThat(problem.next()).contains("default VPC").contains("Service Quotas");
    }

    @Test
    void otherQuotasAndThrottlingAreNamedAsSuch() {
        assertThat(AwsProblems.problem("ec2:AllocateAddress", aws("AddressLimitExceeded", 400, "")).what())
                .isEqualTo("An AWS quota is used up");
        assertThat(AwsProblems.problem("ecs:DescribeServices", aws("ThrottlingException", 400, "Rate exceeded"))
                .what()).isEqualTo("AWS is slowing Hub Wizard down");
    }

    /** What the SDK says when the profile chosen is not in the AWS files, nor has credentials there. */
    private static SdkClientException noCredentialsIn(String profile) {
        return SdkClientException.create("Profile file contained no credentials for profile '" + profile
                + "': ProfileFile(sections=[profiles], profiles=[Profile(name=default, properties=[region])])");
    }

    @Test
    void aProfileThatDoesNotExistIsNamedWithTheOnesThatDo() {
        Problem missing = AwsProblems.problem("sts:GetCallerIdentity", noCredentialsIn("wrok"),
                () -> List.of("default", "work-sso", "teaching"));

        assertThat(missing.what()).isEqualTo("AWS profile 'wrok' does not exist");
        assertThat(missing.why()).isEqualTo("these do: default, work-sso, teaching");
        assertThat(missing.next()).contains("Settings page", "Sign in to AWS");
        assertThat(missing.remedy()).isEqualTo(Problem.Remedy.SIGN_IN);
        assertThat(AwsProblems.problem("sts:GetCallerIdentity", noCredentialsIn("wrok"), List::of).why())
                .isEqualTo("this computer has no AWS profiles at all");
        assertThat(AwsProblems.problem("sts:GetCallerIdentity", noCredentialsIn("work-sso"),
                () -> List.of("default", "work-sso")).what()).as("it exists, without credentials")
                .isEqualTo("No AWS credentials found");
        assertThat(AwsProblems.problem("sts:GetCallerIdentity", SdkClientException.create("Unable to load credentials"
                + " from any of the providers in the chain: [ProfileCredentialsProvider(): Profile file contained no"
                + " credentials for profile 'default']"), List::of).what()).as("no profile was named")
                .isEqualTo("No AWS credentials found");
    }

    @Test
    void clientSideFailuresExplainCredentialsRegionAndNetwork() {
        assertThat(AwsProblems.problem("sts:GetCallerIdentity", SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain")).what())
                .isEqualTo("No AWS credentials found");
        assertThat(AwsProblems.problem("sts:GetCallerIdentity", SdkClientException.create(
                "Unable to load region from any of the providers in the chain")).what())
                .isEqualTo("No AWS region chosen");
        assertThat(AwsProblems.problem("ecs:DescribeServices", SdkClientException.create("Unable to execute",
                new UnknownHostException("ecs.us-east-1.amazonaws.com"))).what()).isEqualTo("Could not reach AWS");
        assertThat(AwsProblems.problem("ecs:DescribeServices", ApiCallTimeoutException.create(120_000)).what())
                .isEqualTo("AWS did not answer in time");
    }
}
