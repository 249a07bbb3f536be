package dev.hubwizard.testbed.strict;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * CloudFront's ARNs as AWS writes them, where moto leaves out the empty region: AWS answers
 * {@code arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE} ("CloudFront is a global service, so its
 * ARNs have no Region", https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudfront.html),
 * moto {@code arn:aws:cloudfront:123456789012:distribution/...}, which IAM refuses in a policy. Moto's answers are
 * given AWS's form, and the SDK's ARNs moto's form on the way to it (tagging names the resource by its ARN).
 */
final class CloudFrontArns implements AwsRule {

    private static final Pattern MOTOS = Pattern.compile("arn:aws:cloudfront:(\\d{12}):");
    private static final Pattern AWSS = Pattern.compile("arn:aws:cloudfront::(\\d{12}):");
    private static final Pattern AWSS_ENCODED = Pattern.compile("arn%3Aaws%3Acloudfront%3A%3A(\\d{12})%3A",
            Pattern.CASE_INSENSITIVE);

    @Override
    public AwsRequest forwarded(AwsRequest request) {
        if (!"cloudfront".equals(request.service())) {
            return request;
        }
        String path = AWSS_ENCODED.matcher(AWSS.matcher(request.path()).replaceAll("arn:aws:cloudfront:$1:"))
                .replaceAll("arn%3Aaws%3Acloudfront%3A$1%3A");
        String body = new String(request.body(), StandardCharsets.UTF_8);
        String sent = AWSS.matcher(body).replaceAll("arn:aws:cloudfront:$1:");
        if (path.equals(request.path()) && sent.equals(body)) {
            return request;
        }
        return new AwsRequest(request.method(), path, request.headers(),
                sent.equals(body) ? request.body() : sent.getBytes(StandardCharsets.UTF_8), request.service(),
                request.region(), request.operation(), request.protocol(), request.form(), request.json());
    }

    @Override
    public AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        if (!"cloudfront".equals(request.service())) {
            return answer;
        }
        String body = answer.text();
        String aws = MOTOS.matcher(body).replaceAll("arn:aws:cloudfront::$1:");
        return aws.equals(body) ? answer
                : new AwsAnswer(answer.status(), answer.headers(), aws.getBytes(StandardCharsets.UTF_8));
    }
}
