package dev.hubwizard.bench;

import java.util.List;

/** One group of rows in the benchmark table. */
interface Benchmark {

    String name();

    /** Runs and returns its rows; a row explains itself when the benchmark could not run here. */
    List<Row> run() throws Exception;

    /**
     * @param measure what was measured
     * @param value   the figure, with its unit
     * @param target  the budget from DESIGN.md, or "" when there is none
     */
    record Row(String benchmark, String measure, String value, String target) {
    }
}
