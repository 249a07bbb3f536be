package dev.hubwizard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the benchmark table: {@code mvn -q -Pbenchmark verify} (see the README). Arguments filter
 * the benchmarks by name. Speed and memory targets live here as printed numbers, not as timed tests.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<Benchmark> all = List.of(new StartupBenchmark(), new LogPaneBenchmark(), new DeployBenchmark(),
                new HubImageBenchmark(), new UsersServersBenchmark());
        List<Benchmark.Row> rows = new ArrayList<>();
        for (Benchmark benchmark : all) {
            if (args.length > 0 && args[0] != null && !args[0].isBlank()
                    && !benchmark.name().toLowerCase(Locale.ROOT).contains(args[0].toLowerCase(Locale.ROOT))) {
                continue;
            }
            System.err.println("running " + benchmark.name() + " …");
            try {
                rows.addAll(benchmark.run());
            } catch (Exception e) {
                rows.add(new Benchmark.Row(benchmark.name(), "failed", e.toString(), ""));
            }
        }
        print(rows);
        System.exit(0);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, "%.0f ms", value);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }

    private static void print(List<Benchmark.Row> rows) {
        String[] headers = {"benchmark", "measure", "value", "target"};
        int[] widths = new int[4];
        for (int i = 0; i < 4; i++) {
            widths[i] = headers[i].length();
        }
        for (Benchmark.Row row : rows) {
            String[] cells = {row.benchmark(), row.measure(), row.value(), row.target()};
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, widths, headers);
        line(out, widths, new String[] {"-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2]),
                "-".repeat(widths[3])});
        for (Benchmark.Row row : rows) {
            line(out, widths, new String[] {row.benchmark(), row.measure(), row.value(), row.target()});
        }
        System.out.print(out);
    }

    private static void line(StringBuilder out, int[] widths, String[] cells) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(String.format("%-" + widths[i] + "s", cells[i])).append(" |");
        }
        out.append('\n');
    }
}
