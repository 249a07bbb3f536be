package dev.hubwizard.profile;

import java.util.List;

/**
 * Where the task runs and who may reach it.
 *
 * @param vpcId       for {@link NetworkMode#EXISTING_VPC} only
 * @param subnetIds   for {@link NetworkMode#EXISTING_VPC} only: public subnets, ideally in two zones
 * @param ingressCidr who may reach port 8000 ({@code 203.0.113.7/32}); {@code 0.0.0.0/0} only when chosen
 */
public record NetworkSettings(NetworkMode mode, String vpcId, List<String> subnetIds, String ingressCidr) {

    public static final String ANYWHERE = "0.0.0.0/0";

    public NetworkSettings {
        mode = mode == null ? NetworkMode.NEW_VPC : mode;
        vpcId = vpcId == null ? "" : vpcId.trim();
        subnetIds = List.copyOf(subnetIds == null ? List.of() : subnetIds);
        ingressCidr = ingressCidr == null ? "" : ingressCidr.trim();
    }

    public boolean isOpenToAnywhere() {
        return ANYWHERE.equals(ingressCidr);
    }
}
