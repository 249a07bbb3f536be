package dev.hubwizard.profile;

/**
 * The options that make a hub a team can keep, each with a monthly cost.
 *
 * @param stableAddress  an Application Load Balancer in front of the task: the address survives redeploys
 * @param domainName     with {@code stableAddress}: serve HTTPS on this name (ACM certificate); empty = HTTP
 * @param keepUserFiles  users' homes on an encrypted EFS file system, so they survive redeploys
 */
public record Options(boolean stableAddress, String domainName, boolean keepUserFiles) {

    public static final Options NONE = new Options(false, "", false);

    public Options {
        domainName = domainName == null ? "" : domainName.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean https() {
        return stableAddress && !domainName.isEmpty();
    }
}
