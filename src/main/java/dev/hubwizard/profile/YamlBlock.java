package dev.hubwizard.profile;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One block of keys in a profile file ({@code aws:}, {@code task:}...), read straight from SnakeYAML's
 * node tree so every value keeps its line. Each accessor returns a fallback and records a mistake
 * instead of throwing, so one pass finds every mistake. The keys a reader asks for are the keys the
 * block takes: whatever else is in the file is reported as unknown afterwards.
 */
final class YamlBlock {

    /** Plain YAML values only; anything else came from an explicit tag such as {@code !foo}. */
    private static final Set<Tag> PLAIN = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP,
            Tag.SEQ, Tag.MAP);
    private static final Set<String> TRUE = Set.of("true", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "no", "off");

    private final String path;
    private final MappingNode node;
    private final Mistakes mistakes;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> asked = new LinkedHashSet<>();

    /**
     * @param path where the block is ("" for the top level, "hub.cognito", "deployment.resources[2]")
     * @param node the block, or null when the file does not have it (every key then takes its default)
     */
    YamlBlock(String path, MappingNode node, Mistakes mistakes) {
        this.path = path;
        this.node = node;
        this.mistakes = mistakes;
        mistakes.register(this);
        if (node != null) {
            index();
        }
    }

    private void index() {
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                mistakes.add(keyNode, "a key" + in() + " " + mistakes.at(keyNode)
                        + " is not a plain word: write each setting as 'key: value'");
                continue;
            }
            String key = scalar.getValue();
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null) {
                mistakes.add(keyNode, "duplicate key '" + key + "'" + in() + " " + mistakes.at(keyNode)
                        + " (first at line " + Mistakes.line(first.getKeyNode()) + "): keep only one of them");
            }
        }
    }

    String path() {
        return path;
    }

    /** " in aws" for a block, "" for the top level: the middle of "unknown key 'x' in aws at f line 3". */
    String in() {
        return path.isEmpty() ? "" : " in " + path;
    }

    Set<String> askedKeys() {
        return asked;
    }

    /** Key nodes in the file that no reader asked for, in file order. */
    List<Node> unknownKeys() {
        return entries.entrySet().stream().filter(e -> !asked.contains(e.getKey()))
                .map(e -> e.getValue().getKeyNode()).toList();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Records a mistake at the line of {@code key}'s value; {@code text} should already say where. */
    void report(String key, String text) {
        NodeTuple tuple = entries.get(key);
        mistakes.add(tuple == null ? node : tuple.getValueNode(), text);
    }

    /** "at team.yaml line 4" for the key's value, or the file name when the key is not there. */
    String at(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? "in " + mistakes.fileName() : mistakes.at(tuple.getValueNode());
    }

    String text(String key, String fallback) {
        Node value = value(key);
        return value == null ? fallback : text(value, keyPath(key)).orElse(fallback);
    }

    /** A text that must be there and not blank; "" after reporting when it is not. */
    String requiredText(String key, String example) {
        Node value = value(key);
        if (value == null) {
            missing(key, example);
            return "";
        }
        String text = text(value, keyPath(key)).orElse("");
        if (text.isBlank() && value instanceof ScalarNode) {
            missing(key, example);
            return "";
        }
        return text;
    }

    int whole(String key, int fallback) {
        Node value = value(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.FLOAT)) {
            try {
                return Integer.parseInt(scalar.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // reported below, like any other value that is not a whole number
            }
        }
        wrongType(value, keyPath(key), "a whole number");
        return fallback;
    }

    /** A whole number that must be there; {@code fallback} after reporting when it is not. */
    int requiredWhole(String key, String example, int fallback) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            asked.add(key);
            missing(key, example);
            return fallback;
        }
        return whole(key, fallback);
    }

    boolean flag(String key, boolean fallback) {
        Node value = value(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof ScalarNode scalar) {
            String word = scalar.getValue().toLowerCase(Locale.ROOT);
            if (TRUE.contains(word)) {
                return true;
            }
            if (FALSE.contains(word)) {
                return false;
            }
        }
        wrongType(value, keyPath(key), "true or false");
        return fallback;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        Node value = value(key);
        if (value == null) {
            return fallback;
        }
        E[] constants = type.getEnumConstants();
        if (value instanceof ScalarNode scalar) {
            String word = scalar.getValue().trim().replace('-', '_');
            for (E constant : constants) {
                if (constant.name().equalsIgnoreCase(word)) {
                    return constant;
                }
            }
        }
        wrongType(value, keyPath(key), "one of " + Arrays.stream(constants).map(Enum::name)
                .collect(Collectors.joining(", ")));
        return fallback;
    }

    /** A point in time, written as ISO-8601 ({@code 2024-05-01T10:00:00Z}); null when absent. */
    Instant instant(String key) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode scalar) {
            try {
                return Instant.parse(scalar.getValue().trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        wrongType(value, keyPath(key), "a date and time in UTC like 2024-05-01T10:00:00Z");
        return null;
    }

    List<String> texts(String key) {
        Node value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            wrongType(value, keyPath(key), "a list: one '- item' per line under it, or [a, b] on one line");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = keyPath(key) + "[" + i + "]";
            if (isNull(item)) {
                mistakes.add(item, itemPath + " " + mistakes.at(item) + " is empty: remove the '-' or write a value");
            } else if (isPlain(item, itemPath)) {
                text(item, itemPath).ifPresent(result::add);
            }
        }
        return result;
    }

    /** Free-form text keys and values, such as a resource's attributes. */
    Map<String, String> textMap(String key) {
        Node value = value(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof MappingNode mapping)) {
            wrongType(value, keyPath(key), "a block of 'key: value' lines indented under it");
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String mapPath = keyPath(key);
            if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                mistakes.add(keyNode, "a key in " + mapPath + " " + mistakes.at(keyNode)
                        + " is not a plain word: write each entry as 'key: value'");
                continue;
            }
            String entryKey = scalar.getValue();
            String entryPath = mapPath + "." + entryKey;
            if (Secrets.isCredentialName(entryKey)) {
                mistakes.add(keyNode, "'" + entryKey + "' in " + mapPath + " " + mistakes.at(keyNode)
                        + " looks like a credential: " + Secrets.ADVICE);
            } else if (result.containsKey(entryKey)) {
                mistakes.add(keyNode, "duplicate key '" + entryKey + "' in " + mapPath + " "
                        + mistakes.at(keyNode) + ": keep only one of them");
            } else {
                Node entryValue = tuple.getValueNode();
                if (isNull(entryValue)) {
                    result.put(entryKey, "");
                } else if (isPlain(entryValue, entryPath)) {
                    text(entryValue, entryPath).ifPresent(text -> result.put(entryKey, text));
                }
            }
        }
        return result;
    }

    /** The block under {@code key}; an empty block (all defaults) when the file does not have it. */
    YamlBlock block(String key) {
        Node value = value(key);
        if (value == null) {
            return new YamlBlock(keyPath(key), null, mistakes);
        }
        if (!(value instanceof MappingNode mapping)) {
            wrongType(value, keyPath(key), "a block of 'key: value' lines indented under '" + key + ":'");
            return new YamlBlock(keyPath(key), null, mistakes);
        }
        return new YamlBlock(keyPath(key), mapping, mistakes);
    }

    /** A list of blocks, such as the resources; each item is a block of its own. */
    List<YamlBlock> blocks(String key) {
        Node value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            wrongType(value, keyPath(key), "a list of blocks, each starting with '- '");
            return List.of();
        }
        List<YamlBlock> result = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = keyPath(key) + "[" + i + "]";
            Node item = items.get(i);
            if (item instanceof MappingNode mapping && isPlain(item, itemPath)) {
                result.add(new YamlBlock(itemPath, mapping, mistakes));
            } else if (!(item instanceof MappingNode)) {
                wrongType(item, itemPath, "a block of 'key: value' lines");
            }
        }
        return result;
    }

    /** The value under {@code key}, or null when it is absent, empty ({@code ~}) or carries a tag. */
    private Node value(String key) {
        asked.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return null;
        }
        Node value = tuple.getValueNode();
        return isPlain(value, keyPath(key)) ? value : null;
    }

    private boolean isPlain(Node value, String where) {
        if (PLAIN.contains(value.getTag())) {
            return true;
        }
        mistakes.add(value, where + " " + mistakes.at(value) + " has the tag '" + value.getTag().getValue()
                + "': profiles take plain values, remove the tag");
        return false;
    }

    private static boolean isNull(Node value) {
        return value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    private Optional<String> text(Node value, String where) {
        if (!(value instanceof ScalarNode scalar)) {
            wrongType(value, where, "text");
            return Optional.empty();
        }
        if (Secrets.looksLikeKey(scalar.getValue())) {
            mistakes.add(value, where + " " + mistakes.at(value) + " looks like an AWS access key: " + Secrets.ADVICE);
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    private void missing(String key, String example) {
        if (node == null) {
            mistakes.add(null, "missing key '" + keyPath(key) + "' in " + mistakes.fileName() + ": add a '" + path
                    + ":' block with '" + key + ": " + example + "' indented under it");
        } else if (entries.containsKey(key)) {
            Node value = entries.get(key).getValueNode();
            mistakes.add(value, keyPath(key) + " " + mistakes.at(value) + " is empty: write it like '" + key + ": "
                    + example + "'");
        } else if (path.isEmpty()) {
            mistakes.add(null, "missing key '" + key + "' in " + mistakes.fileName() + ": add a line '" + key + ": "
                    + example + "' at the top level");
        } else {
            mistakes.add(node, "missing key '" + key + "' in " + path + " " + mistakes.at(node) + ": add '" + key
                    + ": " + example + "' to that block");
        }
    }

    private void wrongType(Node value, String where, String expected) {
        mistakes.add(value, where + " " + mistakes.at(value) + " must be " + expected + ", not " + describe(value));
    }

    private static String describe(Node value) {
        if (value instanceof ScalarNode scalar) {
            String text = scalar.getValue();
            return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }
        return value instanceof SequenceNode ? "a list" : "a block of keys";
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
