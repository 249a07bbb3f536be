package dev.hubwizard.aws;

/**
 * An ECR repository.
 *
 * @param uri where images go: {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/team-hub}
 */
public record EcrRepository(String name, String uri, String arn) {
}
