package dev.hubwizard.profile;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The mistakes found in one profile file. They are collected rather than thrown one at a time so
 * that a person fixing a file by hand sees all of them at once, in line order.
 */
final class Mistakes {

    /** A garbage file could yield thousands; the first screenful is enough to act on. */
    private static final int SHOWN = 20;

    private record Mistake(int line, String text) {
    }

    private final String fileName;
    private final List<Mistake> found = new ArrayList<>();
    private final List<YamlBlock> blocks = new ArrayList<>();

    Mistakes(String fileName) {
        this.fileName = fileName;
    }

    String fileName() {
        return fileName;
    }

    /** "at team.yaml line 4", the way every message points at a place. */
    String at(Node node) {
        return "at " + fileName + " line " + line(node);
    }

    static int line(Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? 0 : mark.getLine() + 1;
    }

    void add(Node node, String text) {
        found.add(new Mistake(node == null ? 0 : line(node), text));
    }

    void register(YamlBlock block) {
        blocks.add(block);
    }

    /** Every block the reader looked at, for the unknown-key check that runs once they are all known. */
    List<YamlBlock> blocks() {
        return blocks;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<String> texts() {
        List<Mistake> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Mistake::line));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN, sorted.size()); i++) {
            texts.add(sorted.get(i).text());
        }
        if (sorted.size() > SHOWN) {
            texts.add("and " + (sorted.size() - SHOWN) + " more mistakes after line " + sorted.get(SHOWN - 1).line());
        }
        return texts;
    }
}
