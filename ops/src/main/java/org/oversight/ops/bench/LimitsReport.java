package org.oversight.ops.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.oversight.ops.sim.LoadAverage;

/**
 * The one table of {@code ops/bench.sh}: every figure next to the limit it is judged against,
 * measured in the same run (the machine is noisy, so only same-run comparisons mean anything).
 * Runs the JMH benchmarks it needs and reads the simulator's results ({@code --results} files of
 * {@code org.oversight.ops.sim.SimulatorCli}) for the end-to-end rows.
 *
 * <p>Usage: {@code LimitsReport [--sim-max file] [--sim-rate file] [--checkpoint-interval-ms 1000]
 * [--native-memread file] [--quick] [JMH options]}; {@code --quick} runs one short fork per benchmark
 * (a smoke run); {@code --native-memread} is the output of {@code ops/native/memread.c}.
 */
public final class LimitsReport {
    static final String VERIFY = "RawEd25519Benchmark.rawVerify";
    static final String AUDIT = "AuditBenchmark.auditAllThreads";
    static final String AUDIT_ONE = "AuditBenchmark.auditOneThread";
    /** Ed25519 verification of the audited export's own signing inputs, one thread. */
    static final String VERIFY_AUDITED = "AuditBenchmark.verifyEventSignaturesOneThread";
    static final String SCAN = "OneToNBenchmark.vector1M";
    static final String MEMORY = "MemoryReadBenchmark.read128MB";
    static final String EMBED = "EmbeddingBenchmark.embed";
    static final String EMBED_REFERENCE = "EmbeddingBenchmark.embedReference";
    static final String BUNDLE = "BundleVerifyBenchmark.parseAndVerify";
    // Batched 1:N search and the native memory-read yardstick (issue 16, item 3): rows from searchRows.
    static final String SCAN_BATCH = "OneToNBenchmark.vector1M16Probes";

    private LimitsReport() {}

    /** The inputs of the table besides the JMH scores. */
    record Inputs(Properties simMax, Properties simRate, long checkpointIntervalMs, int cores, int bundleSignatures) {}

    public static void main(String[] args) throws Exception {
        Properties simMax = null;
        Properties simRate = null;
        long interval = 1000;
        boolean quick = false;
        Properties nativeMemread = null;
        List<String> jmh = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sim-max" -> simMax = load(Path.of(value(args, ++i)));
                case "--sim-rate" -> simRate = load(Path.of(value(args, ++i)));
                case "--checkpoint-interval-ms" -> interval = Long.parseLong(value(args, ++i));
                case "--quick" -> quick = true;
                case "--native-memread" -> nativeMemread = load(Path.of(value(args, ++i)));
                default -> jmh.add(args[i]);
            }
        }
        String loadStart = LoadAverage.now();
        int signatures = new RealisticBundle(8, 100, BundleVerifyBenchmark.DETECTIONS).signatures();
        OptionsBuilder b = new OptionsBuilder();
        b.parent(new CommandLineOptions(jmh.toArray(String[]::new)));
        for (String bench : List.of(VERIFY, AUDIT, AUDIT_ONE, VERIFY_AUDITED, SCAN, MEMORY, EMBED, EMBED_REFERENCE,
                BUNDLE, SCAN_BATCH)) {
            b.include(bench.replace(".", "\\.") + "$");
        }
        if (quick) {
            b.forks(1).warmupIterations(1).measurementIterations(2)
                    .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
        }
        Options options = b.build();
        // JMH's progress goes to stderr, so that stdout carries only the table.
        Collection<RunResult> results = new Runner(options,
                OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL)).run();
        Map<String, double[]> scores = BenchReport.scores(results);
        System.out.println("load average (1/5/15 min) at start of the JMH part: " + loadStart + "; at end: "
                + LoadAverage.now());
        System.out.println();
        System.out.print(table(scores, new Inputs(simMax, simRate, interval,
                Runtime.getRuntime().availableProcessors(), signatures)));
        System.out.print(searchRows(scores, AuditRows.cpuSecondsPerItem(results), nativeMemread));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println("LimitsReport: option " + args[i - 1] + " has no value");
            System.exit(2);
        }
        return args[i];
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    /** The table; a row whose inputs are missing says "not run". */
    static String table(Map<String, double[]> scores, Inputs in) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | measured | limit, same run | limit is | measured ÷ limit |\n");
        out.append("| --- | ---: | ---: | --- | ---: |\n");
        double verify = score(scores, VERIFY);
        double cores = in.cores();

        if (in.simMax() == null) {
            notRun(out, "ingest, HTTP batch path into embedded PostgreSQL (simulator max-rate mode)");
        } else {
            double rate = number(in.simMax(), "rate");
            // The JMH verify rate is measured minutes later; the simulator's own, measured right after
            // the load, is shown too, since the machine's load can change in between.
            double simVerify = number(in.simMax(), "verifyPerCore");
            row(out, String.format(Locale.ROOT, "ingest, HTTP `POST /v1/events/batch`, batches of %s, embedded PostgreSQL"
                            + " (simulator max rate, %s detections after %s warm-up, rejections %s; vs the simulator's"
                            + " in-process verify rate right after the load, %,.0f/s per core: %s)",
                            in.simMax().getProperty("batch"), in.simMax().getProperty("detections"),
                            in.simMax().getProperty("warmup", "0"), in.simMax().getProperty("rejections"), simVerify,
                            ratio(rate, cores * simVerify)),
                    events(rate), events(cores * verify),
                    String.format(Locale.ROOT, "%d cores × single-core Ed25519 verify/s (%s)", in.cores(), VERIFY),
                    ratio(rate, cores * verify));
        }
        // The audit's yardstick is the verify rate of the signatures it checks: Ed25519's cost grows
        // with the message (SHA-512 over it), and the audited events are longer than the 1 KB of
        // the raw benchmark; the ratio to the raw rate is given beside it.
        double verifyAudited = score(scores, VERIFY_AUDITED);
        double audit = score(scores, AUDIT);
        row(out, String.format(Locale.ROOT, "audit of a 100k-event log export, all threads (%s; vs %d × the 1 KB raw"
                        + " verify rate: %s)", AUDIT, in.cores(), ratio(audit, cores * verify)),
                events(audit), events(cores * verifyAudited),
                in.cores() + " cores × single-core Ed25519 verify/s of the export's own signatures (" + VERIFY_AUDITED + ")",
                ratio(audit, cores * verifyAudited));
        double auditOne = score(scores, AUDIT_ONE);
        row(out, String.format(Locale.ROOT, "audit of the same export, one thread (%s; vs the 1 KB raw verify rate: %s)",
                        AUDIT_ONE, ratio(auditOne, verify)),
                events(auditOne), events(verifyAudited),
                "single-core Ed25519 verify/s of the export's own signatures (" + VERIFY_AUDITED + ")",
                ratio(auditOne, verifyAudited));

        double scan = score(scores, SCAN);
        double memory = score(scores, MEMORY);
        row(out, "1:N scan, N = 1M int8 128-D templates from memory, 1 thread (" + SCAN + ")", perSecond(scan, "templates"),
                perSecond(memory, "templates"), "memory read rate of 1 thread ÷ 128 B per template (" + MEMORY + ")",
                ratio(scan, memory));

        double embed = score(scores, EMBED);
        double reference = score(scores, EMBED_REFERENCE);
        row(out, "embedding, one aligned face, 1 thread (" + EMBED + ")", millis(embed), millis(reference),
                "the naive reference engine, same face (" + EMBED_REFERENCE + "); ratio = time ÷ reference time",
                ratio(reference, embed));

        if (in.simRate() == null) {
            notRun(out, "submission → inclusion in a signed checkpoint (simulator, moderate rate)");
        } else {
            Properties r = in.simRate();
            double p50 = number(r, "inclusionP50Ms");
            row(out, String.format(Locale.ROOT, "submission → inclusion in a signed checkpoint, p50 (p99 / max %s / %s ms;"
                            + " %s detections/s scheduled, %s achieved, ack p50 %s ms; rejections %s)",
                            r.getProperty("inclusionP99Ms"), r.getProperty("inclusionMaxMs"),
                            r.getProperty("scheduledRate"), r.getProperty("rate"), r.getProperty("ackP50Ms"),
                            r.getProperty("rejections")),
                    String.format(Locale.ROOT, "%.0f ms", p50), in.checkpointIntervalMs() + " ms",
                    "the configured checkpoint interval (oversight.checkpoint.interval-ms)",
                    ratio(p50, in.checkpointIntervalMs()));
        }

        double bundle = score(scores, BUNDLE);
        double sigsPerSecond = verify / in.bundleSignatures();
        row(out, "evidence bundle verification, parse + verify (" + BUNDLE + ")", millis(bundle), millis(sigsPerSecond),
                in.bundleSignatures() + " signatures in the bundle × single Ed25519 verify time; ratio = time ÷ that",
                ratio(sigsPerSecond, bundle));
        return out.toString();
    }

    /**
     * More rows of the same table: batched 1:N search (16 probes per pass) against single-probe
     * search of the same gallery, and the Java memory-read yardstick against a native C loop
     * ({@code nativeMemread}: {@code ops/native/memread.c}'s output, null when gcc was not at hand).
     * Both compare per CPU-second of the benchmark thread too ({@code cpuPerItem}, from
     * {@link AuditBenchmark.CpuUse}): the C program runs minutes before the JMH forks, so only
     * its per-CPU-second rate is comparable on a loaded machine, and that is the memory row's ratio.
     */
    static String searchRows(Map<String, double[]> scores, Map<String, Double> cpuPerItem, Properties nativeMemread) {
        StringBuilder out = new StringBuilder();
        double single = score(scores, SCAN);
        double batch = score(scores, SCAN_BATCH);
        row(out, String.format(Locale.ROOT, "1:N search, 16 probes per pass, N = 1M, 1 thread, (probe, template) pairs/s;"
                        + " results identical to one probe at a time (%s; per CPU-second: %s vs %s, ratio %s)",
                        SCAN_BATCH, perSecond(perCpuSecond(cpuPerItem, SCAN_BATCH), "pairs"),
                        perSecond(perCpuSecond(cpuPerItem, SCAN), "templates"),
                        ratio(perCpuSecond(cpuPerItem, SCAN_BATCH), perCpuSecond(cpuPerItem, SCAN))),
                perSecond(batch, "pairs"), perSecond(single, "templates"),
                "single-probe search of the same gallery, same run (" + SCAN + "); target ≥ 2",
                ratio(batch, single));
        double javaCpu = perCpuSecond(cpuPerItem, MEMORY);
        if (nativeMemread == null) {
            row(out, "memory read, 128 MB, 1 thread, per CPU-second (" + MEMORY + ")", perSecond(javaCpu, "templates"),
                    "not available", "native C loop (ops/native/memread.c; needs gcc)", "—");
        } else {
            double nativeCpu = number(nativeMemread, "cpuTemplatesPerSecond");
            row(out, String.format(Locale.ROOT, "memory read, 128 MB, 1 thread, per CPU-second (%s; per wall-second"
                            + " %s vs native %s, not comparable on a loaded machine)", MEMORY,
                            perSecond(score(scores, MEMORY), "templates"),
                            perSecond(number(nativeMemread, "templatesPerSecond"), "templates")),
                    perSecond(javaCpu, "templates"), perSecond(nativeCpu, "templates"),
                    "native C loop, gcc -O3 -march=native, per CPU-second (ops/native/memread.c)", ratio(javaCpu, nativeCpu));
        }
        return out.toString();
    }

    private static double perCpuSecond(Map<String, Double> cpuPerItem, String name) {
        Double cpu = cpuPerItem.get(name);
        return cpu == null ? Double.NaN : 1 / cpu;
    }

    private static double score(Map<String, double[]> scores, String name) {
        double[] s = scores.get(name);
        return s == null ? Double.NaN : s[0];
    }

    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    private static void row(StringBuilder out, String what, String measured, String limit, String limitIs, String ratio) {
        out.append("| ").append(what).append(" | ").append(measured).append(" | ").append(limit).append(" | ")
                .append(limitIs).append(" | ").append(ratio).append(" |\n");
    }

    private static void notRun(StringBuilder out, String what) {
        row(out, what, "not run", "—", "—", "—");
    }

    private static String events(double v) {
        return perSecond(v, "events");
    }

    private static String perSecond(double v, String unit) {
        if (Double.isNaN(v)) {
            return "not run";
        }
        return v >= 1e6 ? String.format(Locale.ROOT, "%.1f M %s/s", v / 1e6, unit)
                : String.format(Locale.ROOT, "%,.0f %s/s", v, unit);
    }

    /** Milliseconds per operation from operations per second. */
    private static String millis(double opsPerSecond) {
        return Double.isNaN(opsPerSecond) ? "not run" : String.format(Locale.ROOT, "%.2f ms", 1000 / opsPerSecond);
    }

    private static String ratio(double measured, double limit) {
        return Double.isNaN(measured) || Double.isNaN(limit) ? "—" : String.format(Locale.ROOT, "%.2f", measured / limit);
    }
}
