package dev.hubwizard.profile;

/** What the profile's AWS resources are called. */
public record ResourceNames(String repository, String cluster, String service, String taskFamily) {

    public ResourceNames {
        repository = repository == null ? "" : repository.trim();
        cluster = cluster == null ? "" : cluster.trim();
        service = service == null ? "" : service.trim();
        taskFamily = taskFamily == null ? "" : taskFamily.trim();
    }

    /** Names derived from the profile's name: one word the user picks names everything. */
    public static ResourceNames derivedFrom(String profileName) {
        String base = profileName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.isEmpty()) {
            base = "jupyterhub";
        }
        // ECR's rule is stricter than the others': one separator at a time, and at least two characters.
        String repository = base.replaceAll("-{2,}", "-");
        if (repository.length() < 2) {
            repository = repository + "-hub";
        }
        return new ResourceNames(repository, base + "-cluster", base + "-service", base);
    }
}
