package dev.hubwizard.profile;

import dev.hubwizard.engine.ResourceRecord;

import java.time.Instant;
import java.util.List;

/**
 * What the app knows about the profile's deployment: the journal of resources it created and the
 * facts a redeploy compares against.
 *
 * @param resources             the journal, in creation order
 * @param imageTag              the last image pushed ({@code repository:version})
 * @param imageDigest           its registry digest ({@code sha256:…}); a rebuild with the same digest is not pushed
 * @param taskDefinitionArn     the revision the service runs
 * @param serviceArn            the ECS service
 * @param url                   the hub's last known URL
 * @param deployedAt            when the last deploy finished; null before the first
 */
public record DeploymentState(DeploymentStatus status, List<ResourceRecord> resources, String imageTag,
                              String imageDigest, String taskDefinitionArn, String serviceArn, String url,
                              Instant deployedAt) {

    public static final DeploymentState NEW =
            new DeploymentState(DeploymentStatus.NEW, List.of(), "", "", "", "", "", null);

    public DeploymentState {
        status = status == null ? DeploymentStatus.NEW : status;
        resources = List.copyOf(resources == null ? List.of() : resources);
        imageTag = imageTag == null ? "" : imageTag;
        imageDigest = imageDigest == null ? "" : imageDigest;
        taskDefinitionArn = taskDefinitionArn == null ? "" : taskDefinitionArn;
        serviceArn = serviceArn == null ? "" : serviceArn;
        url = url == null ? "" : url;
    }

    public DeploymentState withResources(List<ResourceRecord> records) {
        return new DeploymentState(status, records, imageTag, imageDigest, taskDefinitionArn, serviceArn, url,
                deployedAt);
    }

    /** The task definition's revision number, read off its ARN ({@code …:task-definition/family:7}). */
    public int taskDefinitionRevision() {
        int colon = taskDefinitionArn.lastIndexOf(':');
        if (colon < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(taskDefinitionArn.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
