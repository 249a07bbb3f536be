package dev.hubwizard.cost;

import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.SignIn;

/**
 * Which of a hub's parts that cost money exist: all of them for a planned hub, only some for a deploy
 * that stopped half-way. The rest of what a hub creates (its network, cluster, roles, task definitions)
 * costs nothing while it exists.
 *
 * @param task         the ECS service's task, with its public address
 * @param loadBalancer the stable address's load balancer, with its two public addresses
 * @param logs         the CloudWatch log group
 * @param images       the ECR repository's images
 * @param fileSystem   the users' files on EFS
 * @param secret       Cognito's client secret in Secrets Manager
 * @param distribution the HTTPS address's CloudFront distribution, billed by what people send through it (and the
 *                     Lambda function that follows the task, within Lambda's free tier): nothing while unused
 * @param privateZone  the Route 53 private zone of the hub's private name, with users' servers in their own tasks
 */
public record Billed(boolean task, boolean loadBalancer, boolean logs, boolean images, boolean fileSystem,
                     boolean secret, boolean distribution, boolean privateZone) {

    public static final Billed NOTHING = new Billed(false, false, false, false, false, false, false, false);

    /** Everything a deploy of the profile creates. */
    public static Billed all(Profile profile) {
        return new Billed(true, profile.options().stableAddress(), true, true, profile.options().keepUserFiles(),
                profile.hub().signIn() == SignIn.COGNITO, profile.options().awsAddress(), profile.servers().onFargate());
    }

    /** The same parts with the task stopped: a paused hub, which nobody reaches through its distribution either. */
    public Billed withoutTask() {
        return new Billed(false, loadBalancer, logs, images, fileSystem, secret, false, privateZone);
    }

    /** Whether any of them costs money while it exists, used or not. */
    public boolean any() {
        return task || loadBalancer || logs || images || fileSystem || secret || privateZone;
    }
}
