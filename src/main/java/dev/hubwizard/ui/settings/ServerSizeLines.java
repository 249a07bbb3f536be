package dev.hubwizard.ui.settings;

import dev.hubwizard.profile.ServerSize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The server sizes as the settings page shows them for editing: one a line, {@code Medium: 1 vCPU, 4 GB}, as the
 * spawn page lists them. A line that does not read as a size is named, with how to write it.
 */
final class ServerSizeLines {

    private static final Pattern LINE = Pattern.compile(
            "(.+?)\\s*:\\s*(\\d+(?:\\.\\d+)?)\\s*vcpus?\\s*,?\\s*(\\d+(?:\\.\\d+)?)\\s*gb(?:\\s+memory)?",
            Pattern.CASE_INSENSITIVE);
    private static final BigDecimal UNITS = BigDecimal.valueOf(1024);

    /** Either the sizes read or why a line cannot be read. */
    record Reading(List<ServerSize> sizes, Optional<String> problem) {
    }

    private ServerSizeLines() {
    }

    static String text(List<ServerSize> sizes) {
        return sizes.stream().map(ServerSize::label).collect(Collectors.joining("\n"));
    }

    static Reading read(String text) {
        List<ServerSize> sizes = new ArrayList<>();
        List<String> lines = text.lines().map(String::trim).toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            Optional<Integer> cpu = m.matches() ? units(m.group(2)) : Optional.empty();
            Optional<Integer> memory = m.matches() ? units(m.group(3)) : Optional.empty();
            if (cpu.isEmpty() || memory.isEmpty()) {
                return new Reading(sizes, Optional.of("line " + (i + 1) + ", '" + line + "', is not a size: write"
                        + " one a line as a name, then vCPU and GB, such as 'Medium: 1 vCPU, 4 GB'"));
            }
            sizes.add(new ServerSize(m.group(1), cpu.get(), memory.get()));
        }
        return new Reading(sizes, Optional.empty());
    }

    /** vCPU or GB as 1024ths, when they are a whole number of them. */
    private static Optional<Integer> units(String number) {
        BigDecimal value = new BigDecimal(number).multiply(UNITS);
        try {
            return Optional.of(value.intValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
