package org.oversight.ops.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Unmatched;
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
 * <p>Usage: {@code LimitsReport [--sim-max file] [--sim-rate file] [--cosign file] [--checkpoint-interval-ms 1000]
 * [--native-memread file] [--libsodium sodium-verify-binary | --libsodium-unavailable reason] [--quick]
 * [JMH options]}; {@code --quick} runs one short fork per benchmark (a smoke run);
 * {@code --native-memread} is the output of {@code ops/native/memread.c}. {@code --libsodium} runs
 * {@code ops/sodium-verify.c} (built by {@code ops/bench.sh}) on the audited export's own signing
 * inputs before the JMH part, for the libsodium rows.
 */
public final class LimitsReport {
    static final String VERIFY = "RawEd25519Benchmark.rawVerify";
    static final String AUDIT = "AuditBenchmark.auditAllThreads";
    static final String AUDIT_ONE = "AuditBenchmark.auditOneThread";
    static final String WITNESS = "AuditBenchmark.witnessReplayOneThread";
    /** Ed25519 verification of the audited export's own signing inputs, one thread. */
    static final String VERIFY_AUDITED = "AuditBenchmark.verifyEventSignaturesOneThread";
    static final String SCAN = "OneToNBenchmark.vector1M";
    static final String MEMORY = "MemoryReadBenchmark.read128MB";
    static final String EMBED = "EmbeddingBenchmark.embed";
    static final String EMBED_REFERENCE = "EmbeddingBenchmark.embedReference";
    static final String BUNDLE = "BundleVerifyBenchmark.parseAndVerify";
    // Batched 1:N search and the native memory-read yardstick (issue 16, item 3): rows from searchRows.
    static final String SCAN_BATCH = "OneToNBenchmark.vector1M16Probes";
    /** The audited export's signatures checked in batches of {@link AuditBenchmark#BATCH}, one thread. */
    static final String VERIFY_BATCH = "AuditBenchmark.verifyEventSignaturesBatchOneThread";
    /** Sealing and unsealing a detection's biometric record (issue #12 §8), one thread. */
    static final String SEAL = "SealingBenchmark.sealDetection";
    static final String UNSEAL = "SealingBenchmark.unsealDetection";
    static final String SEAL_CROP = "SealingBenchmark.sealWithCrop";
    static final String UNSEAL_CROP = "SealingBenchmark.unsealWithCrop";
    /** Issue #16 item 1: batch ingest ≥ this × the store's own limit, and ≥ {@link #INGEST_TARGET} events/s. */
    static final double STORE_TARGET = 0.8;
    static final double INGEST_TARGET = 20_000;
    /** Issue #12 §8: batch ingest of sealed (schema-2) detections, events/s. */
    static final double SEALED_INGEST_TARGET = 5_000;
    /** Issue #16: audit events per CPU-second ≥ this × libsodium's single verifications per CPU-second. */
    static final double SODIUM_TARGET = 1.0;

    private LimitsReport() {}

    /**
     * The inputs of the table besides the JMH scores: the simulator's results, the CPU-seconds per
     * item each benchmark counted ({@link AuditRows#cpuSecondsPerItem}), and the libsodium yardstick.
     */
    record Inputs(Properties simMax, Properties simRate, long checkpointIntervalMs, int cores, int bundleSignatures,
            Map<String, Double> cpuSecondsPerItem, Sodium sodium, Properties cosign) {
        Inputs(Properties simMax, Properties simRate, long checkpointIntervalMs, int cores, int bundleSignatures) {
            this(simMax, simRate, checkpointIntervalMs, cores, bundleSignatures, Map.of(),
                    Sodium.unavailable("not run"));
        }

        Inputs(Properties simMax, Properties simRate, long checkpointIntervalMs, int cores, int bundleSignatures,
                Map<String, Double> cpuSecondsPerItem, Sodium sodium) {
            this(simMax, simRate, checkpointIntervalMs, cores, bundleSignatures, cpuSecondsPerItem, sodium, null);
        }
    }

    /**
     * libsodium's {@code crypto_sign_verify_detached} over the audited export's own signing inputs
     * ({@code ops/sodium-verify.c}), per CPU-second of one thread; or why it was not measured.
     */
    record Sodium(double perCpuSecond, String version, String unavailable) {
        static Sodium unavailable(String why) {
            return new Sodium(Double.NaN, null, why);
        }
    }

    /**
     * The command line (picocli). Options it does not know are passed to JMH unchanged (for example
     * {@code -f 1 -wi 2}), as before.
     */
    @Command(name = "LimitsReport", description = "Every figure next to its limit, measured in the same run.")
    static final class Arguments {
        @Option(names = "--sim-max", description = "the simulator's max-rate results (properties)") Path simMax;
        @Option(names = "--sim-rate", description = "the simulator's open-loop results (properties)") Path simRate;
        @Option(names = "--cosign", description = "ops/witness-latency.sh's results (properties)") Path cosign;
        @Option(names = "--checkpoint-interval-ms", defaultValue = "1000", description = "the ledger's checkpoint interval")
        long interval;
        @Option(names = "--quick", description = "one short fork per benchmark (a smoke run)") boolean quick;
        @Option(names = "--native-memread", description = "ops/native/memread.c's output (properties)") Path nativeMemread;
        @Option(names = "--libsodium", description = "the built ops/sodium-verify.c") String sodiumBinary;
        @Option(names = "--libsodium-unavailable", defaultValue = "not run (no --libsodium option)",
                description = "why the libsodium row is missing") String sodiumUnavailable;
        @Option(names = "--store-limit", description = "the ledger's StoreLimit results (properties)") Path storeLimit;
        @Option(names = "--sim-sealed", description = "the simulator's max-rate results with --seal (properties)")
        Path simSealed;
        @Unmatched List<String> jmh = new ArrayList<>();
    }

    /** Parses {@code args}; an option without its value or a malformed number is a usage error. */
    static Arguments parse(String[] args) {
        Arguments a = new Arguments();
        CommandLine cli = new CommandLine(a);
        cli.setOverwrittenOptionsAllowed(false);
        cli.setUnmatchedOptionsArePositionalParams(true);
        cli.parseArgs(args);
        return a;
    }

    public static void main(String[] args) throws Exception {
        Arguments a;
        try {
            a = parse(args);
        } catch (ParameterException e) {
            System.err.println("LimitsReport: " + e.getMessage());
            System.exit(2);
            return;
        }
        Properties simMax = a.simMax == null ? null : load(a.simMax);
        Properties simRate = a.simRate == null ? null : load(a.simRate);
        Properties cosign = a.cosign == null ? null : load(a.cosign);
        long interval = a.interval;
        boolean quick = a.quick;
        Properties nativeMemread = a.nativeMemread == null ? null : load(a.nativeMemread);
        String sodiumBinary = a.sodiumBinary;
        String sodiumUnavailable = a.sodiumUnavailable;
        List<String> jmh = a.jmh;
        String loadStart = LoadAverage.now();
        int signatures = new RealisticBundle(8, 100, BundleVerifyBenchmark.DETECTIONS).signatures();
        OptionsBuilder b = new OptionsBuilder();
        b.parent(new CommandLineOptions(jmh.toArray(String[]::new)));
        Sodium sodium = sodiumBinary == null ? Sodium.unavailable(sodiumUnavailable)
                : runSodium(Path.of(sodiumBinary), quick ? 1 : 3);
        for (String bench : List.of(VERIFY, AUDIT, AUDIT_ONE, WITNESS, VERIFY_AUDITED, VERIFY_BATCH, SCAN, MEMORY, EMBED,
                EMBED_REFERENCE, BUNDLE, SCAN_BATCH, SEAL, UNSEAL, SEAL_CROP, UNSEAL_CROP)) {
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
                Runtime.getRuntime().availableProcessors(), signatures, AuditRows.cpuSecondsPerItem(results), sodium,
                cosign)));
        System.out.print(searchRows(scores, AuditRows.cpuSecondsPerItem(results), nativeMemread));
        System.out.print(writerRows(scores, simMax, a.storeLimit == null ? null : load(a.storeLimit),
                a.simSealed == null ? null : load(a.simSealed)));
    }

    /**
     * More rows of the same table (issue #16 item 1, issue #12 §8): the store's own limit (the
     * ledger's rows through plain JDBC, {@code StoreLimit} in the ledger jar, run by bench.sh right
     * after the ingest run), batch ingest against it, batch ingest of sealed detections, and
     * sealing and unsealing a record against the verify yardstick. Missing inputs say "not run".
     */
    static String writerRows(Map<String, double[]> scores, Properties simMax, Properties store, Properties simSealed) {
        StringBuilder out = new StringBuilder();
        double storeRate = store == null ? Double.NaN : number(store, "storeRate");
        double ingest = simMax == null ? Double.NaN : number(simMax, "rate");
        if (store == null) {
            notRun(out, "the store's own limit: the ledger's rows through plain JDBC (StoreLimit)");
        } else {
            row(out, String.format(Locale.ROOT, "the store's own limit: the ledger's exact rows (Axon event row with the"
                            + " %s-byte envelope, leaf row, sequencer state, tile nodes) through plain JDBC into embedded"
                            + " PostgreSQL, one connection, %s-event transactions, fsync and synchronous_commit on"
                            + " (StoreLimit, %s events; JDBC time only)", store.getProperty("storeEnvelopeBytes"),
                            store.getProperty("storeBatch"), store.getProperty("storeEvents")),
                    events(storeRate), events(INGEST_TARGET), "issue #16's ingest target (the store must allow it)",
                    ratio(storeRate, INGEST_TARGET));
        }
        if (simMax == null || store == null) {
            notRun(out, "ingest, HTTP batch path, vs the store's own limit");
        } else {
            double r = ingest / storeRate;
            row(out, String.format(Locale.ROOT, "ingest, HTTP `POST /v1/events/batch` (the simulator's max-rate run above)"
                            + " vs the store's own limit; targets ≥ %.1f × the store and ≥ %,.0f events/s: %s and %s",
                            STORE_TARGET, INGEST_TARGET, r >= STORE_TARGET ? "met" : "NOT met",
                            ingest >= INGEST_TARGET ? "met" : "NOT met"),
                    events(ingest), events(storeRate), "the store's own limit, same run (StoreLimit)", ratio(ingest, storeRate));
        }
        if (simSealed == null) {
            notRun(out, "ingest of sealed (schema-2) detections, HTTP batch path (simulator max rate, --seal)");
        } else {
            double sealed = number(simSealed, "rate");
            row(out, String.format(Locale.ROOT, "ingest of sealed (schema-2) detections, HTTP `POST /v1/events/batch`,"
                            + " each batch's blobs stored first in one POST /v1/vault/blobs (simulator max rate --seal, batches of %s, %s detections after"
                            + " %s warm-up, rejections %s; vs the clear-detection run: %s); target ≥ %,.0f: %s",
                            simSealed.getProperty("batch"), simSealed.getProperty("detections"),
                            simSealed.getProperty("warmup", "0"), simSealed.getProperty("rejections"), ratio(sealed, ingest),
                            SEALED_INGEST_TARGET, sealed >= SEALED_INGEST_TARGET ? "met" : "NOT met"),
                    events(sealed), events(SEALED_INGEST_TARGET), "issue #12 §8's target", ratio(sealed, SEALED_INGEST_TARGET));
        }
        double verify = score(scores, VERIFY);
        for (String[] r : new String[][] {
            {SEAL, "sealing a detection's record (template, landmarks, 64-byte crop stand-in): data key, AEAD, HPKE wrap"
                    + " to each epoch recipient, commitment"},
            {UNSEAL, "unsealing it (blob checks against the leaf, HPKE unwrap, AEAD open)"},
            {SEAL_CROP, "sealing a record with a 37,632-byte aligned crop"},
            {UNSEAL_CROP, "unsealing a record with a 37,632-byte aligned crop"}}) {
            double rate = score(scores, r[0]);
            row(out, r[1] + ", one thread = per core (" + r[0] + ")", perSecond(rate, "records"),
                    perSecond(verify, "verifies"), "single-core Ed25519 verify/s, 1 KB (" + VERIFY + ")",
                    ratio(rate, verify));
        }
        return out.toString();
    }

    /**
     * Runs the libsodium yardstick on the signing inputs {@link AuditBenchmark#verifyEventSignaturesOneThread}
     * verifies, for at least {@code cpuSeconds} CPU-seconds of its one thread.
     */
    static Sodium runSodium(Path binary, int cpuSeconds) throws Exception {
        AuditBenchmark.Signatures signatures = new AuditBenchmark.Signatures();
        signatures.collect();
        Path records = Files.createTempFile("oversight-sodium-", ".records");
        try {
            try (var out = Files.newOutputStream(records)) {
                signatures.writeRecords(out);
            }
            Process p = new ProcessBuilder(binary.toString(), records.toString(), Integer.toString(cpuSeconds))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            int exit = p.waitFor();
            if (exit != 0) {
                return Sodium.unavailable("not available (" + binary + " exited with " + exit + ")");
            }
            Properties fields = new Properties();
            for (String field : line.split(" ")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    fields.setProperty(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            String rate = fields.getProperty("per_cpu_second");
            if (rate == null) {
                return Sodium.unavailable("not available (unexpected output '" + line + "')");
            }
            return new Sodium(Double.parseDouble(rate), fields.getProperty("sodium"), null);
        } finally {
            Files.deleteIfExists(records);
        }
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

        // Issue #13 §7: the witness's replay per core against the same yardstick, target as for the audit.
        double witness = score(scores, WITNESS);
        Double witnessCpu = in.cpuSecondsPerItem().get(WITNESS);
        Double auditOneCpu = in.cpuSecondsPerItem().get(AUDIT_ONE);
        row(out, String.format(Locale.ROOT, "witness replay (verifier witness's IncrementalAudit, batches of %,d leaves"
                        + " as checkpoints bring them, no HTTP or fsync), one thread = per core (%s; vs the one-thread"
                        + " audit: %s; per CPU-second %s vs the audit's %s); target ≥ %.1f: %s",
                        AuditBenchmark.WITNESS_BATCH, WITNESS, ratio(witness, auditOne),
                        witnessCpu == null ? "—" : events(1 / witnessCpu),
                        auditOneCpu == null ? "—" : events(1 / auditOneCpu), AuditRows.TARGET_PER_CORE,
                        Double.isNaN(witness / verifyAudited) ? "—"
                                : witness / verifyAudited >= AuditRows.TARGET_PER_CORE ? "met" : "NOT met"),
                events(witness), events(verifyAudited),
                "single-core Ed25519 verify/s of the export's own signatures (" + VERIFY_AUDITED + ")",
                ratio(witness, verifyAudited));
        if (in.cosign() == null) {
            notRun(out, "witness cosigning latency, checkpoint → quorum (ops/witness-latency.sh)");
        } else {
            Properties c = in.cosign();
            double p50 = number(c, "cosignP50Ms");
            row(out, String.format(Locale.ROOT, "witness cosigning latency, a checkpoint signed → a checkpoint covering"
                            + " it carries the quorum (%s of %s witnesses), p50 (p99 / max %s / %s ms; %s checkpoints,"
                            + " %s never reached the quorum in the run; simulator at %s detections/s for %s s; polled"
                            + " every %s ms)", c.getProperty("quorum"), c.getProperty("witnesses"),
                            c.getProperty("cosignP99Ms"), c.getProperty("cosignMaxMs"), c.getProperty("checkpoints"),
                            c.getProperty("unreached"), c.getProperty("rate"), c.getProperty("seconds"),
                            c.getProperty("pollMs")),
                    String.format(Locale.ROOT, "%.0f ms", p50), c.getProperty("intervalMs") + " ms",
                    "the configured checkpoint interval (oversight.checkpoint.interval-ms)",
                    ratio(p50, number(c, "intervalMs")));
        }

        // Batch verification against single verification of the same signatures, same run.
        double batch = score(scores, VERIFY_BATCH);
        row(out, "Ed25519 batch verification, batches of " + AuditBenchmark.BATCH + ", the export's own signatures, one"
                        + " thread, per signature (" + VERIFY_BATCH + ")", perSecond(batch, "signatures"),
                perSecond(verifyAudited, "signatures"),
                "single verification of the same signatures, one thread (" + VERIFY_AUDITED + ")",
                ratio(batch, verifyAudited));
        // Issue #16's target, per CPU-second so that the machine's other load cancels out.
        Double bcCpu = in.cpuSecondsPerItem().get(VERIFY_AUDITED);
        Double auditCpu = in.cpuSecondsPerItem().get(AUDIT_ONE);
        Double auditAllCpu = in.cpuSecondsPerItem().get(AUDIT);
        double bcPerCpu = bcCpu == null ? Double.NaN : 1 / bcCpu;
        Sodium sodium = in.sodium();
        if (sodium.unavailable() != null) {
            row(out, "libsodium single verification of the same signing inputs, one thread, per CPU-second",
                    sodium.unavailable(), "—", "—", "—");
            row(out, "audit, events per CPU-second vs libsodium's single verifications per CPU-second (target ≥ "
                    + SODIUM_TARGET + ")", auditCpu == null ? "not run" : events(1 / auditCpu), "not available",
                    "—", "—");
        } else {
            row(out, "libsodium " + sodium.version() + " `crypto_sign_verify_detached` of the same signing inputs, one"
                            + " thread, per CPU-second (ops/sodium-verify.c)", perSecond(sodium.perCpuSecond(), "signatures"),
                    perSecond(bcPerCpu, "signatures"),
                    "Bouncy Castle single verification per CPU-second, same inputs (" + VERIFY_AUDITED + ")",
                    ratio(sodium.perCpuSecond(), bcPerCpu));
            double auditPerCpu = auditCpu == null ? Double.NaN : 1 / auditCpu;
            double auditAllPerCpu = auditAllCpu == null ? Double.NaN : 1 / auditAllCpu;
            double r = auditPerCpu / sodium.perCpuSecond();
            row(out, String.format(Locale.ROOT, "audit of the same export, events per CPU-second (process CPU: JIT and"
                                    + " GC included), one thread (%s; all threads: %s, ratio %s); target ≥ %.1f: %s",
                            AUDIT_ONE, events(auditAllPerCpu), ratio(auditAllPerCpu, sodium.perCpuSecond()),
                            SODIUM_TARGET, Double.isNaN(r) ? "—" : r >= SODIUM_TARGET ? "met" : "NOT met"),
                    events(auditPerCpu), perSecond(sodium.perCpuSecond(), "verifications"),
                    "libsodium single verifications per CPU-second of one thread, same signing inputs",
                    ratio(auditPerCpu, sodium.perCpuSecond()));
        }

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
     * its per-CPU-second rate is comparable on a loaded machine, and that is the memory row's ratio;
     * when {@code nativeMemread} comes from {@link MemoryReadInterleaved} (the two loops alternated),
     * the row compares those interleaved rates instead.
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
        } else if (nativeMemread.getProperty("interleavedJavaCpuTemplatesPerSecond") != null) {
            // MemoryReadInterleaved: the Java and the native loop alternated in the same minute.
            double java = number(nativeMemread, "interleavedJavaCpuTemplatesPerSecond");
            double nativeCpu = number(nativeMemread, "interleavedNativeCpuTemplatesPerSecond");
            row(out, String.format(Locale.ROOT, "memory read, 128 MB, 1 thread, per CPU-second, the Java loop (%s's) and"
                            + " the native loop alternated %s times (MemoryReadInterleaved; the JMH fork alone, minutes"
                            + " later: %s per CPU-second)", MEMORY, nativeMemread.getProperty("interleavedRounds"),
                            perSecond(javaCpu, "templates")),
                    perSecond(java, "templates"), perSecond(nativeCpu, "templates"),
                    "native C loop, gcc -O3 -march=native, per CPU-second, interleaved (ops/native/memread.c)",
                    ratio(java, nativeCpu));
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
