package dev.hubwizard.profile;

/**
 * The Fargate task's size: {@code cpu} in CPU units (1024 = 1 vCPU), {@code memory} in MiB.
 * {@link FargateSizes} says which pairs Fargate accepts.
 */
public record TaskSize(int cpu, int memory, Architecture architecture) {

    public static final TaskSize DEFAULT = new TaskSize(1024, 2048, Architecture.X86_64);

    public TaskSize {
        architecture = architecture == null ? Architecture.X86_64 : architecture;
    }

    public double vcpu() {
        return cpu / 1024.0;
    }

    public double memoryGb() {
        return memory / 1024.0;
    }
}
