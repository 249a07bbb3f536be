package dev.hubwizard.profile;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ResourceRecord;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a profile in the current schema: block style, every key in a fixed order, so files diff well
 * and read like the example a person would write by hand.
 */
final class ProfileWriter {

    private static final String HEADER = """
            # Hub Wizard deployment profile. Every key is explained in docs/profiles.md.
            # It holds names and settings only: never AWS keys or passwords.
            # Hub Wizard rewrites this file when it saves the profile; comments are not kept.
            """;

    /** The file's text; refuses a profile carrying anything that looks like a credential. */
    String write(Profile profile) throws ProfileException {
        Map<String, Object> tree = tree(profile);
        refuseCredentials(profile.name(), "", tree);
        return HEADER + yaml().dump(tree);
    }

    /** A new one each time: SnakeYAML's Yaml is not thread-safe, and building one is cheap. */
    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        // One value per line, however long: ARNs and URLs stay greppable.
        options.setSplitLines(false);
        // Control characters become escapes in a double-quoted string rather than a !!binary value.
        options.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
        return new Yaml(new TimestampRepresenter(options), options);
    }

    private static Map<String, Object> tree(Profile p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", ProfileReader.CURRENT_VERSION);
        root.put("name", p.name());
        root.put("aws", block("profile", p.aws().profileName(), "region", p.aws().region()));
        root.put("names", block("repository", p.names().repository(), "cluster", p.names().cluster(),
                "service", p.names().service(), "taskFamily", p.names().taskFamily()));
        root.put("task", block("cpu", p.task().cpu(), "memory", p.task().memory(),
                "architecture", p.task().architecture().name()));
        NetworkSettings n = p.network();
        root.put("network", block("mode", n.mode().name(), "vpcId", n.vpcId(), "subnetIds", n.subnetIds(),
                "ingressCidr", n.ingressCidr()));
        HubSettings h = p.hub();
        root.put("hub", block("imageFolder", h.imageFolder(), "admins", h.admins(), "allowedUsers", h.allowedUsers(),
                "signIn", h.signIn().name(),
                "cognito", block("userPoolName", h.cognito().userPoolName(), "domainPrefix", h.cognito().domainPrefix()),
                "localPort", h.localPort(), "hostNetwork", h.hostNetwork(), "expectedUsers", h.expectedUsers()));
        Options o = p.options();
        root.put("options", block("stableAddress", o.stableAddress(), "domainName", o.domainName(),
                "keepUserFiles", o.keepUserFiles(), "cloudFront", o.cloudFront()));
        UserServers s = p.servers();
        List<Object> sizes = new ArrayList<>();
        for (ServerSize size : s.sizes()) {
            sizes.add(block("name", size.name(), "cpu", size.cpu(), "memory", size.memory()));
        }
        root.put("servers", block("placement", s.placement().name(), "sizes", sizes,
                "cullIdleMinutes", s.cullIdleMinutes(), "image", s.image(),
                "hoursPerPersonPerWeek", s.hoursPerPersonPerWeek(), "sharedFolder", s.sharedFolder()));
        Advanced a = p.advanced();
        root.put("advanced", block("registryEndpoint", a.registryEndpoint(), "logRetentionDays", a.logRetentionDays(),
                "jupyterhubVersion", a.jupyterhubVersion(), "baseImage", a.baseImage()));
        DeploymentState d = p.deployment();
        List<Object> resources = new ArrayList<>();
        for (ResourceRecord r : d.resources()) {
            resources.add(block("kind", r.kind(), "id", r.id(), "name", r.name(),
                    "attributes", new LinkedHashMap<>(r.sortedAttributes()), "createdBy", r.createdBy(),
                    "createdAt", r.createdAt()));
        }
        root.put("deployment", block("status", d.status().name(), "imageTag", d.imageTag(),
                "imageDigest", d.imageDigest(), "taskDefinitionArn", d.taskDefinitionArn(),
                "serviceArn", d.serviceArn(), "url", d.url(), "deployedAt", d.deployedAt(), "resources", resources));
        return root;
    }

    /** An ordered block from key, value, key, value... */
    private static Map<String, Object> block(Object... keysAndValues) {
        Map<String, Object> block = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            block.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return block;
    }

    /** The last check before anything reaches the disk: a value that is a key is never written. */
    private static void refuseCredentials(String profileName, String path, Object value) throws ProfileException {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String keyPath = path.isEmpty() ? key : path + "." + key;
                if (Secrets.isCredentialName(key)) {
                    throw credential(profileName, keyPath + " is named like a credential");
                }
                refuseCredentials(profileName, keyPath, entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                refuseCredentials(profileName, path + "[" + i + "]", list.get(i));
            }
        } else if (value instanceof String text && Secrets.looksLikeKey(text)) {
            throw credential(profileName, path + " looks like an AWS access key");
        }
    }

    private static ProfileException credential(String profileName, String what) {
        return new ProfileException(new Problem("Profile '" + profileName + "' was not saved", what,
                "Profiles hold the name of an AWS profile (aws.profile), never keys or passwords: remove it"
                        + " and keep keys in ~/.aws/credentials, or sign in on Hub Wizard's Sign in to AWS page"), null);
    }

    /** Instants as plain YAML timestamps ({@code 2024-05-01T10:00:00.123456Z}), to the nanosecond. */
    private static final class TimestampRepresenter extends Representer {

        TimestampRepresenter(DumperOptions options) {
            super(options);
            representers.put(Instant.class, data -> representScalar(Tag.TIMESTAMP, data.toString()));
        }
    }
}
