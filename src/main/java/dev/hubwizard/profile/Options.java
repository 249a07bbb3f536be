package dev.hubwizard.profile;

/**
 * The options that make a hub a team can keep, each with a monthly cost.
 *
 * @param stableAddress  an Application Load Balancer in front of the task: the address survives redeploys
 * @param domainName     with {@code stableAddress}: serve HTTPS on this name (ACM certificate); empty = no domain
 * @param keepUserFiles  users' homes on an encrypted EFS file system, so they survive redeploys
 * @param cloudFront     HTTPS on an AWS-owned address ({@code https://dXXXX.cloudfront.net}) through a CloudFront
 *                       distribution, for a hub without a domain of its own; with a domain the hub keeps its own
 *                       name and this does nothing
 */
public record Options(boolean stableAddress, String domainName, boolean keepUserFiles, boolean cloudFront) {

    /** Nothing on: the hub at its task's address, plain HTTP. What profiles from before the HTTPS address read as. */
    public static final Options NONE = new Options(false, "", false, false);
    /** What a new hub starts with: HTTPS on an AWS address, nothing that costs a fixed monthly amount. */
    public static final Options NEW_HUB = new Options(false, "", false, true);

    public Options {
        domainName = domainName == null ? "" : domainName.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Options without the AWS HTTPS address. */
    public Options(boolean stableAddress, String domainName, boolean keepUserFiles) {
        this(stableAddress, domainName, keepUserFiles, false);
    }

    public Options withCloudFront(boolean on) {
        return new Options(stableAddress, domainName, keepUserFiles, on);
    }

    public Options withKeepUserFiles(boolean on) {
        return new Options(stableAddress, domainName, on, cloudFront);
    }

    /** HTTPS on the person's own domain, through the load balancer and an ACM certificate. */
    public boolean ownDomain() {
        return stableAddress && !domainName.isEmpty();
    }

    /** HTTPS on CloudFront's AWS-owned name: asked for, and no domain of its own. */
    public boolean awsAddress() {
        return cloudFront && !ownDomain();
    }

    /** Whether the hub has an HTTPS address, its own or AWS's. */
    public boolean https() {
        return ownDomain() || awsAddress();
    }
}
