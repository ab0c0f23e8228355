package org.oversight.ops.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1/5/15-minute load averages, for printing next to measured numbers. */
public final class LoadAverage {
    private LoadAverage() {}

    /** {@code "1.23 0.98 0.75"} from {@code /proc/loadavg}, or the JVM's 1-minute figure elsewhere. */
    public static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double one = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", one);
        }
    }
}
