package org.oversight.ops.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The memory-read yardstick of issue #16 item 3 measured interleaved: rounds of the Java loop
 * ({@link MemoryReadBenchmark#sum}, 128 MB, one thread) alternate with runs of the native loop
 * ({@code ops/native/memread.c}), each counted per CPU-second of its own thread, so that both see
 * the same load on a shared machine. Measured minutes apart (the native loop before the JMH forks,
 * the Java loop inside them), the two differed by the machine's changing contention: 0.76 in one
 * loaded run, while interleaved they read at the same rate.
 *
 * <p>Usage: {@code MemoryReadInterleaved MEMREAD_BINARY OUT_PROPERTIES [ROUNDS]}. Writes the last
 * native run's own properties (templatesPerSecond, cpuTemplatesPerSecond, …, which the memory row
 * reads as before) plus {@code interleavedRounds}, {@code interleavedJavaCpuTemplatesPerSecond} and
 * {@code interleavedNativeCpuTemplatesPerSecond}: the sums of templates over the sums of CPU time of
 * all rounds. Exit 2 on bad arguments or if the native loop fails.
 */
public final class MemoryReadInterleaved {
    /** Java passes per round: about as much reading as one native run's timed passes. */
    static final int JAVA_PASSES = 20;

    private MemoryReadInterleaved() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: MemoryReadInterleaved MEMREAD_BINARY OUT_PROPERTIES [ROUNDS]");
            System.exit(2);
            return;
        }
        int rounds = rounds("MemoryReadInterleaved", args.length == 3 ? args[2] : "6");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] data = gallery();
        long sink = 0;
        for (int p = 0; p < 5; p++) {
            sink += MemoryReadBenchmark.sum(data); // JIT warm-up, untimed
        }
        double javaTemplates = 0;
        double javaCpu = 0;
        double nativeTemplates = 0;
        double nativeCpu = 0;
        Properties last = null;
        for (int round = 0; round < rounds; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int p = 0; p < JAVA_PASSES; p++) {
                sink += MemoryReadBenchmark.sum(data);
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            javaCpu += cpu;
            javaTemplates += (double) JAVA_PASSES * MemoryReadBenchmark.TEMPLATES;
            last = runNative("MemoryReadInterleaved", args[0]);
            double passes = Double.parseDouble(last.getProperty("passes"));
            double nativeRate = Double.parseDouble(last.getProperty("cpuTemplatesPerSecond"));
            double templates = passes * MemoryReadBenchmark.TEMPLATES;
            nativeTemplates += templates;
            nativeCpu += templates / nativeRate;
            System.err.printf(Locale.ROOT, "memory read round %d: Java %.0f, native %.0f templates per CPU-second%n",
                    round, JAVA_PASSES * MemoryReadBenchmark.TEMPLATES / cpu, nativeRate);
        }
        last.setProperty("interleavedRounds", Integer.toString(rounds));
        last.setProperty("interleavedJavaCpuTemplatesPerSecond", String.format(Locale.ROOT, "%.0f", javaTemplates / javaCpu));
        last.setProperty("interleavedNativeCpuTemplatesPerSecond",
                String.format(Locale.ROOT, "%.0f", nativeTemplates / nativeCpu));
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            last.store(out, "ops/native/memread.c interleaved with MemoryReadBenchmark.sum (checksum " + (sink & 1) + ")");
        }
    }

    /** The 128 MB read by both loops: random longs from a fixed seed (the same bytes every run). */
    static long[] gallery() {
        long[] data = new long[MemoryReadBenchmark.TEMPLATES * MemoryReadBenchmark.TEMPLATE_BYTES / Long.BYTES];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextLong();
        }
        return data;
    }

    /** {@code text} as a positive number of rounds; otherwise one line naming it and exit 2. */
    static int rounds(String tool, String text) {
        int rounds;
        try {
            rounds = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            rounds = 0;
        }
        if (rounds < 1) {
            System.err.println(tool + ": rounds '" + text + "' is not a positive integer");
            System.exit(2);
        }
        return rounds;
    }

    /** One run of the native loop's properties; if it fails, one line naming it and exit 2. */
    static Properties runNative(String tool, String binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Properties out = new Properties();
        out.load(new StringReader(text));
        if (exit != 0 || out.getProperty("cpuTemplatesPerSecond") == null || out.getProperty("passes") == null) {
            System.err.println(tool + ": " + binary + " exited with " + exit + ", output '" + text.trim() + "'");
            System.exit(2);
        }
        return out;
    }
}
