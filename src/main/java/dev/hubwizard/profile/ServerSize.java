package dev.hubwizard.profile;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A size people may choose for their own server's Fargate task: {@code cpu} in CPU units (1024 = 1 vCPU),
 * {@code memory} in MiB, as {@link FargateSizes} allows them.
 *
 * @param name what the spawn page shows, e.g. {@code Medium}
 */
public record ServerSize(String name, int cpu, int memory) {

    /** The hub image's own rule for size names (hubwizard_hub/sizes.py), so a size never fails at spawn time. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()+-]{0,39}");

    public ServerSize {
        name = name == null ? "" : name.trim();
    }

    public double vcpu() {
        return cpu / 1024.0;
    }

    public double memoryGb() {
        return memory / 1024.0;
    }

    /** {@code Medium=1/4}: one entry of the hub's {@code HUB_SERVER_SIZES}. */
    public String hubSetting() {
        return name + "=" + plain(cpu) + "/" + plain(memory);
    }

    /** {@code Medium: 1 vCPU, 4 GB}. */
    public String label() {
        return name + ": " + plain(cpu) + " vCPU, " + plain(memory) + " GB";
    }

    /** Why this size cannot be offered, or empty. */
    public Optional<String> problem() {
        if (!NAME.matcher(name).matches()) {
            return Optional.of(name.isEmpty() ? "a size needs a name, such as Small"
                    : "size name '" + name + "' may contain only letters, digits, spaces and . _ ( ) + -, at most 40,"
                    + " starting with a letter or digit");
        }
        return FargateSizes.problem(cpu, memory).map(why -> "size " + name + ": " + why);
    }

    /** 1024ths as a plain number: 512 → 0.5, 4096 → 4. */
    private static String plain(int units) {
        return BigDecimal.valueOf(units).divide(BigDecimal.valueOf(1024)).stripTrailingZeros().toPlainString();
    }
}
