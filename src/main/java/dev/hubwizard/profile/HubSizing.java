package dev.hubwizard.profile;

import java.util.List;

/**
 * How big the hub's task should be for a number of people. The hub and every person's notebook share one
 * Fargate task, so the size follows the people working at once: about half a GB of memory each on top of
 * the hub's own gigabyte, and a vCPU for every eight of them. The sizes are Fargate's, cheapest first.
 */
public final class HubSizing {

    /** More people than this share no single task sensibly; the settings page refuses larger numbers. */
    public static final int MAX_PEOPLE = 1000;

    private static final int HUB_MEMORY = 1024;
    private static final int MEMORY_PER_PERSON = 512;
    private static final int PEOPLE_PER_VCPU = 8;
    /** Sizes Fargate runs, cheapest first; each suits more people than the one before. */
    private static final List<TaskSize> SIZES = List.of(
            new TaskSize(1024, 2048, Architecture.X86_64),
            new TaskSize(1024, 4096, Architecture.X86_64),
            new TaskSize(2048, 8192, Architecture.X86_64),
            new TaskSize(4096, 12288, Architecture.X86_64),
            new TaskSize(4096, 16384, Architecture.X86_64),
            new TaskSize(8192, 32768, Architecture.X86_64),
            new TaskSize(16384, 65536, Architecture.X86_64));

    private HubSizing() {
    }

    /** How many people working at once a task of this size serves; at least one. */
    public static int suits(int cpu, int memory) {
        int byMemory = (memory - HUB_MEMORY) / MEMORY_PER_PERSON;
        int byCpu = cpu * PEOPLE_PER_VCPU / 1024;
        return Math.max(1, Math.min(byMemory, byCpu));
    }

    /** The cheapest size that serves {@code people}, on {@code architecture}; the largest when none does. */
    public static TaskSize suggested(int people, Architecture architecture) {
        TaskSize size = SIZES.stream().filter(s -> suits(s.cpu(), s.memory()) >= people).findFirst()
                .orElse(SIZES.get(SIZES.size() - 1));
        return new TaskSize(size.cpu(), size.memory(), architecture);
    }

    /** Whether even the largest size serves fewer people than this. */
    public static boolean tooManyForOneTask(int people) {
        TaskSize largest = SIZES.get(SIZES.size() - 1);
        return people > suits(largest.cpu(), largest.memory());
    }
}
