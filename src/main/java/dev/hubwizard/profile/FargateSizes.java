package dev.hubwizard.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The CPU and memory pairs Fargate accepts for a Linux task (platform 1.4.0). */
public final class FargateSizes {

    private record Range(int cpu, int minMemory, int maxMemory, int step) {
    }

    private static final List<Range> RANGES = List.of(
            new Range(256, 512, 2048, 512),
            new Range(512, 1024, 4096, 1024),
            new Range(1024, 2048, 8192, 1024),
            new Range(2048, 4096, 16384, 1024),
            new Range(4096, 8192, 30720, 1024),
            new Range(8192, 16384, 61440, 4096),
            new Range(16384, 32768, 122880, 8192));

    private FargateSizes() {
    }

    public static List<Integer> cpuChoices() {
        return RANGES.stream().map(Range::cpu).toList();
    }

    /** The memory sizes (MiB) Fargate allows with {@code cpu}; empty if {@code cpu} is not a Fargate size. */
    public static List<Integer> memoryChoices(int cpu) {
        List<Integer> result = new ArrayList<>();
        RANGES.stream().filter(r -> r.cpu == cpu).findFirst().ifPresent(r -> {
            // 256 CPU units allow 512, 1024 and 2048 only; the 512 step above covers exactly those.
            for (int m = r.minMemory; m <= r.maxMemory; m += r.step) {
                if (r.cpu != 256 || m != 1536) {
                    result.add(m);
                }
            }
        });
        return result;
    }

    /** Why a size is not one Fargate runs, or empty. */
    public static Optional<String> problem(int cpu, int memory) {
        if (!cpuChoices().contains(cpu)) {
            return Optional.of("Fargate offers " + cpuChoices().stream().map(c -> c / 1024.0 + " vCPU").toList()
                    + "; " + cpu + " CPU units is not one of them");
        }
        List<Integer> memories = memoryChoices(cpu);
        if (!memories.contains(memory)) {
            return Optional.of("With " + cpu / 1024.0 + " vCPU Fargate allows " + memories.get(0) / 1024.0 + " to "
                    + memories.get(memories.size() - 1) / 1024.0 + " GB in steps of "
                    + (memories.get(1) - memories.get(0)) / 1024.0 + " GB; " + memory + " MiB is not one of them");
        }
        return Optional.empty();
    }
}
