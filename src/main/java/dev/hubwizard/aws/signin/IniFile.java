package dev.hubwizard.aws.signin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An AWS config or credentials file as an editable list of its lines, so that a change touches only the
 * lines of the keys it sets: comments, blank lines, odd spacing, unknown keys, other sections and the
 * file's line endings stay byte for byte. Parsed by the rules the AWS CLI and SDKs share: {@code [section]}
 * headers, {@code key = value} lines at the start of a line, indented lines continuing the property above
 * them (sub-properties such as {@code s3 =}), and {@code #} or {@code ;} comments. A line that is none of
 * these makes the whole file unparseable: {@link #parse} refuses it rather than guess.
 */
public final class IniFile {

    /** A line as it was read, with its line ending, and what it is. */
    private record Line(String text, String ending, Kind kind, String name) {
        String whole() {
            return text + ending;
        }
    }

    private enum Kind { BLANK, COMMENT, SECTION, PROPERTY, CONTINUATION }

    /** Why a file cannot be parsed: the line (1-based) and what is wrong with it. */
    public static final class ParseException extends Exception {
        private final int line;

        ParseException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private final List<Line> lines;
    private final String newline;

    private IniFile(List<Line> lines, String newline) {
        this.lines = lines;
        this.newline = newline;
    }

    public static IniFile empty() {
        return new IniFile(new ArrayList<>(), "\n");
    }

    public static IniFile parse(String content) throws ParseException {
        List<Line> lines = new ArrayList<>();
        int crlf = 0;
        int lf = 0;
        int start = 0;
        boolean inSection = false;
        boolean afterProperty = false;
        int number = 0;
        while (start < content.length()) {
            number++;
            int end = content.indexOf('\n', start);
            String text;
            String ending;
            if (end < 0) {
                text = content.substring(start);
                ending = "";
                start = content.length();
            } else {
                boolean cr = end > start && content.charAt(end - 1) == '\r';
                text = content.substring(start, cr ? end - 1 : end);
                ending = cr ? "\r\n" : "\n";
                if (cr) {
                    crlf++;
                } else {
                    lf++;
                }
                start = end + 1;
            }
            String trimmed = text.strip();
            Line line;
            if (trimmed.isEmpty()) {
                line = new Line(text, ending, Kind.BLANK, "");
            } else if (trimmed.startsWith("#") || trimmed.startsWith(";")) {
                line = new Line(text, ending, Kind.COMMENT, "");
            } else if (trimmed.startsWith("[")) {
                int close = trimmed.indexOf(']');
                String rest = close < 0 ? "" : trimmed.substring(close + 1).strip();
                if (close < 0 || !(rest.isEmpty() || rest.startsWith("#") || rest.startsWith(";"))) {
                    throw new ParseException(number, "a section header must look like [name], found: " + trimmed);
                }
                String name = normalise(trimmed.substring(1, close));
                if (name.isEmpty()) {
                    throw new ParseException(number, "a section header has no name");
                }
                line = new Line(text, ending, Kind.SECTION, name);
                inSection = true;
                afterProperty = false;
            } else if (Character.isWhitespace(text.charAt(0)) && afterProperty) {
                line = new Line(text, ending, Kind.CONTINUATION, "");
            } else {
                int equals = text.indexOf('=');
                if (equals < 0) {
                    throw new ParseException(number, "expected 'key = value', found: " + trimmed);
                }
                String key = text.substring(0, equals).strip();
                if (key.isEmpty()) {
                    throw new ParseException(number, "a property has no name before '='");
                }
                if (!inSection) {
                    throw new ParseException(number, "'" + key + "' comes before any [section]");
                }
                line = new Line(text, ending, Kind.PROPERTY, key);
                afterProperty = true;
            }
            if (line.kind() != Kind.CONTINUATION && line.kind() != Kind.PROPERTY && line.kind() != Kind.BLANK
                    && line.kind() != Kind.COMMENT) {
                afterProperty = false;
            }
            lines.add(line);
        }
        return new IniFile(lines, crlf > lf ? "\r\n" : "\n");
    }

    /** {@code [ profile   team ]} and {@code [profile team]} name the same section, as the SDKs read them. */
    private static String normalise(String sectionName) {
        return sectionName.strip().replaceAll("\\s+", " ");
    }

    public String content() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l.whole()));
        return out.toString();
    }

    /** The section names in the order they appear, each once. */
    public List<String> sections() {
        return lines.stream().filter(l -> l.kind() == Kind.SECTION).map(Line::name).distinct().toList();
    }

    public boolean hasSection(String section) {
        return lines.stream().anyMatch(l -> l.kind() == Kind.SECTION && l.name().equals(normalise(section)));
    }

    /** The section's properties (the last value where a key repeats, as the SDKs read it). */
    public Map<String, String> properties(String section) {
        Map<String, String> values = new LinkedHashMap<>();
        String wanted = normalise(section);
        String current = null;
        for (Line line : lines) {
            if (line.kind() == Kind.SECTION) {
                current = line.name();
            } else if (line.kind() == Kind.PROPERTY && wanted.equals(current)) {
                values.put(line.name(), value(line.text()));
            }
        }
        return values;
    }

    public Optional<String> get(String section, String key) {
        return Optional.ofNullable(properties(section).get(key));
    }

    private static String value(String text) {
        return text.substring(text.indexOf('=') + 1).strip();
    }

    /**
     * Sets these keys in the section, adding the section at the end when there is none. A key already there
     * keeps its line, its spacing around '=' and its line ending; only its value changes (and its indented
     * sub-properties go, if it had any). A new key goes after the section's last property, so a comment that
     * introduces the next section stays with it.
     */
    public void set(String section, Map<String, String> values) {
        String wanted = normalise(section);
        Map<String, String> missing = new LinkedHashMap<>(values);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind() != Kind.SECTION || !lines.get(i).name().equals(wanted)) {
                continue;
            }
            for (int j = i + 1; j < lines.size() && lines.get(j).kind() != Kind.SECTION; j++) {
                Line line = lines.get(j);
                if (line.kind() == Kind.PROPERTY && missing.containsKey(line.name())) {
                    String text = line.text();
                    int equals = text.indexOf('=');
                    String afterEquals = text.substring(equals + 1);
                    String gap = afterEquals.isBlank() ? " " : afterEquals.substring(0,
                            afterEquals.length() - afterEquals.stripLeading().length());
                    lines.set(j, new Line(text.substring(0, equals + 1) + gap + missing.remove(line.name()),
                            line.ending(), Kind.PROPERTY, line.name()));
                    while (j + 1 < lines.size() && lines.get(j + 1).kind() == Kind.CONTINUATION) {
                        lines.remove(j + 1);
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        int last = lastIndexOfSection(wanted);
        if (last < 0) {
            appendSection(section, missing);
            return;
        }
        int insertAt = last + 1;
        for (int j = last + 1; j < lines.size() && lines.get(j).kind() != Kind.SECTION; j++) {
            if (lines.get(j).kind() == Kind.PROPERTY || lines.get(j).kind() == Kind.CONTINUATION) {
                insertAt = j + 1;
            }
        }
        endPreviousLine(insertAt);
        for (Map.Entry<String, String> entry : missing.entrySet()) {
            lines.add(insertAt++, new Line(entry.getKey() + " = " + entry.getValue(), newline, Kind.PROPERTY,
                    entry.getKey()));
        }
    }

    /** Removes these keys (and their sub-properties) from every occurrence of the section. */
    public void remove(String section, Set<String> keys) {
        String wanted = normalise(section);
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.kind() == Kind.SECTION) {
                current = line.name();
            } else if (line.kind() == Kind.PROPERTY && wanted.equals(current) && keys.contains(line.name())) {
                lines.remove(i);
                while (i < lines.size() && lines.get(i).kind() == Kind.CONTINUATION) {
                    lines.remove(i);
                }
                i--;
            }
        }
    }

    private int lastIndexOfSection(String name) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).kind() == Kind.SECTION && lines.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void appendSection(String section, Map<String, String> values) {
        endPreviousLine(lines.size());
        if (!lines.isEmpty() && lines.get(lines.size() - 1).kind() != Kind.BLANK) {
            lines.add(new Line("", newline, Kind.BLANK, ""));
        }
        lines.add(new Line("[" + section + "]", newline, Kind.SECTION, normalise(section)));
        values.forEach((key, value) -> lines.add(new Line(key + " = " + value, newline, Kind.PROPERTY, key)));
    }

    /** A file whose last line has no line ending gets one before anything is added after it. */
    private void endPreviousLine(int index) {
        if (index > 0 && lines.get(index - 1).ending().isEmpty()) {
            Line previous = lines.get(index - 1);
            lines.set(index - 1, new Line(previous.text(), newline, previous.kind(), previous.name()));
        }
    }
}
