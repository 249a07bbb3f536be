package dev.hubwizard.aws;

/** One registered revision of a task definition family: {@code family:revision}, and its ARN. */
public record TaskDefinitionRevision(String family, int revision, String arn) {

    @Override
    public String toString() {
        return family + ":" + revision;
    }
}
