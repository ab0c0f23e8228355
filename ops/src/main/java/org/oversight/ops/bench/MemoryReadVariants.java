package org.oversight.ops.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Diagnostic for issue #16 item 3 (docs/benchmarks.md, "Memory-read yardstick"): why the Java
 * memory-read loop ({@link MemoryReadBenchmark#sum}) reads less than the native one
 * ({@code ops/native/memread.c}). Alternates, per CPU-second of this thread, variants of the Java
 * loop over the same 128 MB with runs of the native binary:
 * <ul>
 * <li>{@code four}: the yardstick's loop (four accumulators; C2 on JDK 17 emits eight scalar
 *     8-byte loads per 64-byte cache line, unrolled, no vector loads);
 * <li>{@code eight}: eight accumulators;
 * <li>{@code lineTouch}: one load per 64-byte line — it moves exactly the same cache lines from
 *     memory, with one eighth of the load instructions (it does not read every byte, so it is
 *     not a yardstick, only the test of whether the loads issued per line are what holds the
 *     summing loop back).
 * </ul>
 * Usage: {@code MemoryReadVariants MEMREAD_BINARY [ROUNDS]}; prints one line per round and the
 * mean ratios to the native rate.
 */
public final class MemoryReadVariants {
    private static final String[] NAMES = {"four", "eight", "lineTouch"};

    private MemoryReadVariants() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: MemoryReadVariants MEMREAD_BINARY [ROUNDS]");
            System.exit(2);
            return;
        }
        int rounds = MemoryReadInterleaved.rounds("MemoryReadVariants", args.length == 2 ? args[1] : "6");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] data = MemoryReadInterleaved.gallery();
        long sink = 0;
        for (int w = 0; w < 3; w++) {
            for (int v = 0; v < NAMES.length; v++) {
                sink += run(v, data);
            }
        }
        double[] sums = new double[NAMES.length];
        double nativeSum = 0;
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + " (M templates per CPU-second):");
            for (int v = 0; v < NAMES.length; v++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int p = 0; p < 10; p++) {
                    sink += run(v, data);
                }
                double rate = 10.0 * MemoryReadBenchmark.TEMPLATES / ((threads.getCurrentThreadCpuTime() - cpu0) / 1e9) / 1e6;
                sums[v] += rate;
                line.append(String.format(Locale.ROOT, " %s %.1f", NAMES[v], rate));
            }
            double nativeRate = Double.parseDouble(MemoryReadInterleaved.runNative("MemoryReadVariants", args[0])
                    .getProperty("cpuTemplatesPerSecond")) / 1e6;
            nativeSum += nativeRate;
            line.append(String.format(Locale.ROOT, " | native %.1f | load %s", nativeRate,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
            System.out.println(line);
        }
        StringBuilder line = new StringBuilder("mean ratio to native:");
        for (int v = 0; v < NAMES.length; v++) {
            line.append(String.format(Locale.ROOT, " %s %.2f", NAMES[v], sums[v] / nativeSum));
        }
        System.out.println(line + " (checksum " + (sink & 1) + ")");
    }

    private static long run(int variant, long[] data) {
        switch (variant) {
            case 0:
                return MemoryReadBenchmark.sum(data);
            case 1:
                return eight(data);
            default:
                return lineTouch(data);
        }
    }

    static long eight(long[] x) {
        long a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0;
        for (int i = 0; i < x.length; i += 8) {
            a += x[i];
            b += x[i + 1];
            c += x[i + 2];
            d += x[i + 3];
            e += x[i + 4];
            f += x[i + 5];
            g += x[i + 6];
            h += x[i + 7];
        }
        return a + b + c + d + e + f + g + h;
    }

    static long lineTouch(long[] x) {
        long a = 0, b = 0;
        for (int i = 0; i < x.length; i += 16) {
            a += x[i];
            b += x[i + 8];
        }
        return a + b;
    }
}
