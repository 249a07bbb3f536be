package dev.hubwizard.aws;

/** Who AWS thinks Hub Wizard is: the account and the user or role ARN, for the preflight page. */
public record CallerIdentity(String account, String arn, String userId) {
}
