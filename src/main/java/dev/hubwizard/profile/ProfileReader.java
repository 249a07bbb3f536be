package dev.hubwizard.profile;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ResourceRecord;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads profile files, safely and with messages a person can act on.
 *
 * <p>Safely: the file is composed into SnakeYAML's node tree and mapped onto the records here, so no
 * tag can construct an object (global tags such as {@code !!java.net.URL} are refused while composing,
 * any other tag while mapping). Files over {@link #MAX_BYTES} are refused before they are read;
 * aliases to lists or blocks, nesting depth and duplicate keys are bounded or refused.
 *
 * <p>Helpfully: every mistake names the file, the line and the key, and says what to write instead.
 * All mistakes of a file are reported together.
 *
 * <h2>Schema versions</h2>
 * <ul>
 * <li><b>6</b> (current): the layout {@link ProfileWriter} writes and {@code docs/profiles.md} describes.
 * <li><b>5</b>: as version 6 without the {@code servers} block (where the users' servers run). A version 5 file (or
 *     older) is read with {@link UserServers#DEFAULT}: servers inside the hub's task, as it was deployed; it is
 *     written as version 6 the next time it is saved.
 * <li><b>4</b>: as version 5 without {@code options.cloudFront} (HTTPS on an AWS address). A version 4 file (or
 *     older) is read with it off — the hub stays as it was deployed — and written as version 5 the next time it is
 *     saved.
 * <li><b>3</b>: as version 4 without {@code advanced.jupyterhubVersion}; read with the pinned version
 *     ({@link JupyterHubVersion#PINNED}), which is what the hub image was built on then, and written as the
 *     current version the next time it is saved.
 * <li><b>2</b>: as version 3 without {@code hub.expectedUsers} (how many people will use the hub). A version 2
 *     file is read with that number not said (0), and written as the current version the next time it is saved.
 * <li><b>1</b> (pre-release builds): {@code cpu}, {@code memory} and {@code architecture} sat at the
 *     top level instead of in a {@code task} block, and there was no {@code options} block (no stable
 *     address, HTTPS domain or kept user files). Everything else was as in version 2. A version 1 file
 *     is read into the current records with {@link Options#NONE}; the file itself is left alone until
 *     the profile is next saved, which writes the current version and keeps the version 1 file as the backup.
 * </ul>
 * A future version adds a branch in {@link #map}, reading the old layout into the current records.
 */
final class ProfileReader {

    static final int CURRENT_VERSION = 6;
    static final int OLDEST_VERSION = 1;
    /** A profile is a few KB, even with a long journal; anything near this size is not a profile. */
    static final int MAX_BYTES = 1024 * 1024;
    /** The schema is five levels deep (deployment.resources[i].attributes); 20 leaves room for nothing odd. */
    private static final int MAX_DEPTH = 20;
    /** A profile needs no aliases at all; a few are tolerated, thousands (billion laughs) are not. */
    private static final int MAX_ALIASES = 10;
    /** Top-level blocks version 2 added, so a version 1 file that uses them gets a precise message. */
    private static final Set<String> ADDED_IN_VERSION_2 = Set.of("task", "options");
    /** Keys of the hub block version 3 added. */
    private static final Set<String> ADDED_IN_VERSION_3 = Set.of("expectedUsers");
    /** The key version 4 added to the advanced block. */
    private static final String ADDED_IN_VERSION_4 = "jupyterhubVersion";
    /** The key version 5 added to the options block. */
    private static final String ADDED_IN_VERSION_5 = "cloudFront";
    /** The top-level block version 6 added. */
    private static final String ADDED_IN_VERSION_6 = "servers";

    /** A profile and the schema version its file is written in. */
    record Result(Profile profile, int schemaVersion) {
    }

    Result read(Path file, String expectedName) throws ProfileException {
        return parse(file, expectedName, readBounded(file));
    }

    /**
     * @param expectedName the name the file name gives; the file's {@code name} must agree with it
     */
    Result parse(Path file, String expectedName, byte[] content) throws ProfileException {
        if (content.length > MAX_BYTES) {
            throw tooBig(file, content.length);
        }
        String fileName = file.getFileName().toString();
        Node root = compose(file, decode(file, content));
        if (!(root instanceof MappingNode mapping)) {
            throw broken(file, List.of(fileName + " must be a block of 'key: value' lines starting with"
                    + " 'schemaVersion: " + CURRENT_VERSION + "', not a single value or a list"), null);
        }
        Mistakes mistakes = new Mistakes(fileName);
        YamlBlock top = new YamlBlock("", mapping, mistakes);
        int version = top.requiredWhole("schemaVersion", String.valueOf(CURRENT_VERSION), CURRENT_VERSION);
        if (version > CURRENT_VERSION) {
            String why = "it has schemaVersion " + version + " and this Hub Wizard reads versions " + OLDEST_VERSION
                    + " to " + CURRENT_VERSION;
            throw new ProfileException(new Problem(fileName + " was written by a newer Hub Wizard", why,
                    "Update Hub Wizard to use this profile; the file is left as it is"), file,
                    List.of(fileName + " " + why), null);
        }
        if (version < OLDEST_VERSION) {
            top.report("schemaVersion", "schemaVersion " + top.at("schemaVersion") + " must be " + OLDEST_VERSION
                    + " to " + CURRENT_VERSION + ", not " + version + ": write 'schemaVersion: " + CURRENT_VERSION + "'");
            version = CURRENT_VERSION;
        }
        Profile profile = map(top, version, expectedName);
        reportUnknownKeys(mistakes, version);
        if (!mistakes.isEmpty()) {
            throw broken(file, mistakes.texts(), null);
        }
        return new Result(profile, version);
    }

    /** The file's bytes, refusing anything larger than a profile can be before reading it. */
    static byte[] readBounded(Path file) throws ProfileException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooBig(file, size);
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes(MAX_BYTES + 1);
            }
            if (content.length > MAX_BYTES) {
                throw tooBig(file, content.length);
            }
            return content;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static ProfileException broken(Path file, List<String> mistakes, Throwable cause) {
        return new ProfileException(new Problem("Profile file " + file.getFileName() + " cannot be used",
                String.join("; ", mistakes), "Fix it in a text editor, then reload; Hub Wizard leaves the file"
                + " exactly as it is (" + file.toAbsolutePath() + ")"), file, mistakes, cause);
    }

    static ProfileException unreadable(Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "it does not exist"
                : e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        return new ProfileException(new Problem("Cannot read " + file.getFileName(), why,
                "Check that " + file.toAbsolutePath() + " exists and that you may read it"), file, List.of(), e);
    }

    private static ProfileException tooBig(Path file, long size) {
        return broken(file, List.of(file.getFileName() + " is " + String.format(Locale.ROOT, "%.1f", size / 1048576.0)
                + " MiB: a profile is a few KB and Hub Wizard reads at most 1 MiB, so this is probably not the"
                + " file you meant"), null);
    }

    private static String decode(Path file, byte[] content) throws ProfileException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            // Editors on Windows like to start UTF-8 files with a byte order mark.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw broken(file, List.of(file.getFileName() + " is not UTF-8 text: save it as UTF-8 in your editor"), e);
        }
    }

    private static Node compose(Path file, String text) throws ProfileException {
        String fileName = file.getFileName().toString();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        // The default TagInspector refuses every global tag (!!java.net.URL...) while composing.
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw broken(file, List.of(syntaxMistake(fileName, e)), e);
        } catch (YAMLException e) {
            throw broken(file, List.of(limitMistake(fileName, e)), e);
        }
        if (root == null) {
            throw broken(file, List.of(fileName + " is empty: write a profile in it (see docs/profile-example.yaml)"
                    + " or delete it"), null);
        }
        return root;
    }

    private static String syntaxMistake(String fileName, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String at = mark == null ? "in " + fileName
                : "at " + fileName + " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        String problem = e.getProblem() == null ? e.getMessage().lines().findFirst().orElse("") : e.getProblem();
        String globalTag = "Global tag is not allowed: ";
        if (problem.startsWith(globalTag)) {
            String tag = problem.substring(globalTag.length()).replace("tag:yaml.org,2002:", "!!");
            return "the tag '" + tag + "' " + at + " is not allowed: profiles take plain values, never tags that"
                    + " name Java classes; remove the tag";
        }
        String hint;
        if (problem.contains("TAB")) {
            hint = "indent with spaces, not tabs";
        } else if (problem.contains("mapping values are not allowed")) {
            hint = "put a value that contains ': ' in quotes, or check how far that line is indented";
        } else if (problem.contains("expected a single document")) {
            hint = "a profile is one document: remove the '---' line and what follows it";
        } else {
            hint = "check the indentation, the ': ' after each key and the quotes on that line and the one before";
        }
        return "YAML syntax error " + at + ": " + problem + " — " + hint;
    }

    private static String limitMistake(String fileName, YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return fileName + " repeats lists or blocks through aliases (*name) more than " + MAX_ALIASES
                    + " times: a profile needs no aliases, write the values out";
        }
        if (message.contains("Nesting Depth")) {
            return fileName + " nests blocks or lists more than " + MAX_DEPTH + " levels deep: a profile is at most"
                    + " five levels deep, check the indentation and the brackets";
        }
        if (message.contains("code points")) {
            return fileName + " is over 1 MiB: a profile is a few KB, so this is probably not the file you meant";
        }
        return fileName + " cannot be read as YAML: " + message;
    }

    /** The file's blocks mapped onto the records; version 1 keeps the task size at the top level. */
    private static Profile map(YamlBlock top, int version, String expectedName) {
        String name = top.requiredText("name", expectedName);
        if (!name.isEmpty() && !name.equals(expectedName)) {
            top.report("name", "name '" + name + "' " + top.at("name") + " does not match the file name: write"
                    + " 'name: " + expectedName + "', or rename the file to " + name + ".yaml");
        }
        YamlBlock aws = top.block("aws");
        AwsTarget target = new AwsTarget(aws.text("profile", ""), aws.requiredText("region", "us-east-1"));
        TaskSize task = task(version == 1 ? top : top.block("task"));
        Options options = version == 1 ? Options.NONE : options(top.block("options"), version);
        return new Profile(expectedName, target, names(top.block("names"), expectedName), task,
                network(top.block("network")), hub(top.block("hub"), version), options,
                version < 6 ? UserServers.DEFAULT : servers(top.block("servers")), advanced(top.block("advanced"), version),
                deployment(top.block("deployment")));
    }

    private static ResourceNames names(YamlBlock block, String profileName) {
        ResourceNames derived = ResourceNames.derivedFrom(profileName);
        return new ResourceNames(block.text("repository", derived.repository()),
                block.text("cluster", derived.cluster()), block.text("service", derived.service()),
                block.text("taskFamily", derived.taskFamily()));
    }

    private static TaskSize task(YamlBlock block) {
        TaskSize d = TaskSize.DEFAULT;
        return new TaskSize(block.whole("cpu", d.cpu()), block.whole("memory", d.memory()),
                block.choice("architecture", Architecture.class, d.architecture()));
    }

    private static NetworkSettings network(YamlBlock block) {
        return new NetworkSettings(block.choice("mode", NetworkMode.class, NetworkMode.NEW_VPC),
                block.text("vpcId", ""), block.texts("subnetIds"), block.text("ingressCidr", ""));
    }

    private static HubSettings hub(YamlBlock block, int version) {
        String imageFolder = block.text("imageFolder", "");
        List<String> admins = block.texts("admins");
        List<String> allowedUsers = block.texts("allowedUsers");
        SignIn signIn = block.choice("signIn", SignIn.class, SignIn.FIRST_USE_PASSWORD);
        YamlBlock cognito = block.block("cognito");
        CognitoSettings cognitoSettings = new CognitoSettings(cognito.text("userPoolName", ""),
                cognito.text("domainPrefix", ""));
        return new HubSettings(imageFolder, admins, allowedUsers, signIn, cognitoSettings,
                block.whole("localPort", HubSettings.PORT), block.flag("hostNetwork", false),
                version < 3 ? 0 : block.whole("expectedUsers", 0));
    }

    private static Options options(YamlBlock block, int version) {
        return new Options(block.flag("stableAddress", false), block.text("domainName", ""),
                block.flag("keepUserFiles", false), version >= 5 && block.flag("cloudFront", false));
    }

    private static UserServers servers(YamlBlock block) {
        UserServers d = UserServers.DEFAULT;
        List<YamlBlock> listed = block.blocks("sizes");
        List<ServerSize> sizes = d.sizes();
        if (block.has("sizes")) {
            sizes = new ArrayList<>();
            for (YamlBlock size : listed) {
                sizes.add(new ServerSize(size.requiredText("name", "Medium"), size.requiredWhole("cpu", "1024", 1024),
                        size.requiredWhole("memory", "4096", 4096)));
            }
        }
        return new UserServers(block.choice("placement", ServerPlacement.class, d.placement()), sizes,
                block.whole("cullIdleMinutes", d.cullIdleMinutes()), block.text("image", d.image()),
                block.whole("hoursPerPersonPerWeek", d.hoursPerPersonPerWeek()),
                block.flag("sharedFolder", d.sharedFolder()));
    }

    private static Advanced advanced(YamlBlock block, int version) {
        Advanced d = Advanced.DEFAULT;
        return new Advanced(block.text("registryEndpoint", d.registryEndpoint()),
                block.whole("logRetentionDays", d.logRetentionDays()), block.text("baseImage", d.baseImage()),
                version < 4 ? JupyterHubVersion.PINNED : block.text("jupyterhubVersion", d.jupyterhubVersion()));
    }

    private static DeploymentState deployment(YamlBlock block) {
        DeploymentStatus status = block.choice("status", DeploymentStatus.class, DeploymentStatus.NEW);
        String imageTag = block.text("imageTag", "");
        String imageDigest = block.text("imageDigest", "");
        String taskDefinitionArn = block.text("taskDefinitionArn", "");
        String serviceArn = block.text("serviceArn", "");
        String url = block.text("url", "");
        Instant deployedAt = block.instant("deployedAt");
        List<ResourceRecord> resources = new ArrayList<>();
        for (YamlBlock resource : block.blocks("resources")) {
            String kind = resource.requiredText("kind", "ecr-repository");
            String id = resource.requiredText("id", "vpc-0123456789abcdef0");
            String name = resource.text("name", "");
            Map<String, String> attributes = resource.textMap("attributes");
            String createdBy = resource.text("createdBy", "");
            Instant createdAt = resource.instant("createdAt");
            if (!kind.isEmpty() && !id.isEmpty()) {
                resources.add(new ResourceRecord(kind, id, name, attributes, createdBy, createdAt));
            }
        }
        return new DeploymentState(status, resources, imageTag, imageDigest, taskDefinitionArn, serviceArn, url,
                deployedAt);
    }

    /**
     * Keys nobody asked for. Runs after mapping, when every block's keys are known, so that a key in
     * the wrong block can be pointed to the right one.
     */
    private static void reportUnknownKeys(Mistakes mistakes, int version) {
        Map<String, String> blockOfKey = new HashMap<>();
        for (YamlBlock block : mistakes.blocks()) {
            if (!block.path().contains("[")) {
                block.askedKeys().forEach(key -> blockOfKey.putIfAbsent(key.toLowerCase(Locale.ROOT), block.path()));
            }
        }
        for (YamlBlock block : List.copyOf(mistakes.blocks())) {
            for (Node keyNode : block.unknownKeys()) {
                String key = ((ScalarNode) keyNode).getValue();
                String place = "'" + key + "'" + block.in() + " " + mistakes.at(keyNode);
                if (Secrets.isCredentialName(key)) {
                    mistakes.add(keyNode, place + " looks like a credential: " + Secrets.ADVICE);
                } else {
                    mistakes.add(keyNode, "unknown key " + place + " — " + hint(block, key, version, blockOfKey));
                }
            }
        }
    }

    private static String hint(YamlBlock block, String key, int version, Map<String, String> blockOfKey) {
        Optional<String> close = Spelling.closest(key, block.askedKeys());
        if (close.isPresent()) {
            return "did you mean '" + close.get() + "'?";
        }
        if (version < 2 && block.path().isEmpty() && ADDED_IN_VERSION_2.contains(key)) {
            return "schemaVersion " + version + " files have no '" + key + "' block: change the first line to"
                    + " 'schemaVersion: " + CURRENT_VERSION + "' and move cpu, memory and architecture into 'task:'";
        }
        if (version < 3 && block.path().equals("hub") && ADDED_IN_VERSION_3.contains(key)) {
            return "schemaVersion " + version + " files have no 'hub." + key + "': change the first line to"
                    + " 'schemaVersion: " + CURRENT_VERSION + "'";
        }
        if (version < 4 && block.path().equals("advanced") && ADDED_IN_VERSION_4.equals(key)) {
            return "schemaVersion " + version + " files have no 'advanced." + key + "': change the first line to"
                    + " 'schemaVersion: " + CURRENT_VERSION + "'" + (version < 2
                    ? " and move cpu, memory and architecture into 'task:'" : "");
        }
        if (version < 5 && block.path().equals("options") && ADDED_IN_VERSION_5.equals(key)) {
            return "schemaVersion " + version + " files have no 'options." + key + "': change the first line to"
                    + " 'schemaVersion: " + CURRENT_VERSION + "'";
        }
        if (version < 6 && block.path().isEmpty() && ADDED_IN_VERSION_6.equals(key)) {
            return "schemaVersion " + version + " files have no '" + key + "' block: change the first line to"
                    + " 'schemaVersion: " + CURRENT_VERSION + "'";
        }
        String home = blockOfKey.get(key.toLowerCase(Locale.ROOT));
        if (home != null && !home.equals(block.path())) {
            return "'" + key + "' belongs " + (home.isEmpty() ? "at the top level" : "in the " + home + " block");
        }
        return (block.path().isEmpty() ? "the top level" : block.path()) + " takes: "
                + String.join(", ", block.askedKeys());
    }
}
