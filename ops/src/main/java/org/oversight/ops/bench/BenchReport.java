package org.oversight.ops.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks in one JVM session and prints a markdown table in which every figure stands
 * next to the limit it is judged against, measured in the same run (docs/design.md §9: the machine is
 * noisy, so only same-run ratios mean anything).
 *
 * <p>Usage: {@code java -cp ops/target/benchmarks.jar org.oversight.ops.bench.BenchReport [JMH options]},
 * e.g. {@code -f 1 -wi 3 -i 5} (JMH defaults of the benchmark classes apply otherwise).
 */
public final class BenchReport {
    private BenchReport() {}

    /** One row: a measured figure, the yardstick it is compared with, and the target ratio. */
    record Row(String what, String benchmark, String yardstick, double target) {}

    static final List<Row> ROWS = List.of(
            new Row("event verification (parse + verify + hash, ~1.6 KB FaceDetected)",
                    "EventPathBenchmark.parseVerifyHash", "EventPathBenchmark.rawVerifySameBytes", 0.8),
            new Row("domain-separated Ed25519 verify (1 KB)",
                    "LogPathBenchmark.domainVerify", "RawEd25519Benchmark.rawVerify", 0.8),
            new Row("canonicalise + sign an event (~1.6 KB FaceDetected)",
                    "EventPathBenchmark.canonicaliseAndSign", "EventPathBenchmark.rawSignSameBytes", 0.8),
            new Row("domain-separated Ed25519 sign (1 KB)",
                    "LogPathBenchmark.domainSign", "RawEd25519Benchmark.rawSign", 0.8),
            new Row("Merkle append (leaf hash + compact range, 1 KB leaf)",
                    "LogPathBenchmark.merkleAppendLeaf", "RawEd25519Benchmark.rawVerify", 1.0),
            new Row("strict canonical parse (~1.6 KB event)",
                    "EventPathBenchmark.canonicalParseOnly", "RawEd25519Benchmark.rawVerify", 1.0),
            // 14 signatures per bundle: checking them alone would give 1/14 ≈ 0.07 of the verify rate.
            new Row("evidence bundle parse + verify (14 signatures, 10k-leaf log)",
                    "BundleVerifyBenchmark.parseAndVerify", "RawEd25519Benchmark.rawVerify", 0.05));

    /** How a recognition figure is shown and judged against its absolute target. */
    enum Figure {
        /** Milliseconds per operation (lower is better); the score is ops/s. */
        MS_PER_OP,
        /** Millions of operations per second (higher is better). */
        M_PER_S;

        double value(double opsPerSecond) {
            return this == MS_PER_OP ? 1000 / opsPerSecond : opsPerSecond / 1e6;
        }

        String format(double value) {
            return this == MS_PER_OP ? String.format(Locale.ROOT, "%.1f ms", value)
                    : String.format(Locale.ROOT, "%.1f M/s", value);
        }

        boolean meets(double value, double target) {
            return this == MS_PER_OP ? value <= target : value >= target;
        }

        String target(double target) {
            return Double.isNaN(target) ? "—" : (this == MS_PER_OP ? "≤ " : "≥ ") + format(target);
        }
    }

    /**
     * A recognition row: an absolute target (docs/design.md §5 and §9; NaN if none) and a slower path
     * measured in the same run, shown as a speed-up (same-run ratios are what survive the noise);
     * {@code baseline} is null for a row without one.
     */
    record TargetRow(String what, String benchmark, Figure figure, double target, String baseline) {}

    static final List<TargetRow> RECOGNITION_ROWS = List.of(
            new TargetRow("embedding, one aligned face, 1 thread (vs naive reference engine)",
                    "EmbeddingBenchmark.embed", Figure.MS_PER_OP, 30, "EmbeddingBenchmark.embedReference"),
            new TargetRow("embedding, one aligned face, 1 thread (vs same engine, plain-Java kernels)",
                    "EmbeddingBenchmark.embed", Figure.MS_PER_OP, 30, "EmbeddingBenchmark.embedScalarKernels"),
            new TargetRow("full FacePipeline.process, one 640×480 photo, 1 face, 1 thread",
                    "EmbeddingBenchmark.processPhoto", Figure.MS_PER_OP, Double.NaN, null),
            new TargetRow("1:N int8 128-D scan, N = 10k (cache-resident), templates/s, 1 thread",
                    "OneToNBenchmark.vector10k", Figure.M_PER_S, 50, "OneToNBenchmark.plain10k"),
            new TargetRow("1:N int8 128-D scan, N = 1M (128 MB, memory), templates/s, 1 thread",
                    "OneToNBenchmark.vector1M", Figure.M_PER_S, Double.NaN, "OneToNBenchmark.plain1M"),
            // Batched search: (probe, template) pairs/s with 16 probes per pass; the baseline is the
            // single-probe search of the same gallery, so the speed-up is the batching's gain (target ≥ 2×).
            new TargetRow("1:N search, 16 probes per pass, N = 10k, pairs/s, 1 thread (vs one probe per pass)",
                    "OneToNBenchmark.vector10k16Probes", Figure.M_PER_S, Double.NaN, "OneToNBenchmark.vector10k"),
            new TargetRow("1:N search, 16 probes per pass, N = 1M, pairs/s, 1 thread (vs one probe per pass)",
                    "OneToNBenchmark.vector1M16Probes", Figure.M_PER_S, Double.NaN, "OneToNBenchmark.vector1M"));

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options cli = new CommandLineOptions(args);
        Options options = new OptionsBuilder().parent(cli)
                .include(EventPathBenchmark.class.getSimpleName())
                .include(LogPathBenchmark.class.getSimpleName())
                .include(RawEd25519Benchmark.class.getSimpleName())
                .include(EmbeddingBenchmark.class.getSimpleName())
                .include(OneToNBenchmark.class.getSimpleName())
                .include(BundleVerifyBenchmark.class.getSimpleName())
                .include(AuditBenchmark.class.getSimpleName())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> scores = scores(results);
        System.out.println();
        System.out.print(table(scores));
        System.out.println();
        System.out.print(AuditRows.table(scores, AuditRows.cpuSecondsPerItem(results),
                Runtime.getRuntime().availableProcessors()));
        System.out.println();
        System.out.print(recognitionTable(scores));
    }

    static String recognitionTable(Map<String, double[]> scores) {
        StringBuilder out = new StringBuilder();
        out.append("| what | measured | 99.9% CI | target | met | same-run baseline | baseline | speed-up |\n");
        out.append("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: |\n");
        List<String> missing = new ArrayList<>();
        for (TargetRow row : RECOGNITION_ROWS) {
            double[] measured = scores.get(row.benchmark());
            if (measured == null) {
                missing.add(row.benchmark());
                continue;
            }
            Figure f = row.figure();
            double value = f.value(measured[0]);
            // The interval is symmetric in ops/s; shown as its image in the row's unit, or "—" when
            // its lower end reaches zero ops/s (no finite bound on the time per operation).
            double lo = f.value(measured[0] - measured[1]), hi = f.value(measured[0] + measured[1]);
            String interval = measured[1] >= measured[0] ? "—"
                    : f.format(Math.min(lo, hi)) + " … " + f.format(Math.max(lo, hi));
            String met = Double.isNaN(row.target()) ? "—" : f.meets(value, row.target()) ? "yes" : "NO";
            double[] base = row.baseline() == null ? null : scores.get(row.baseline());
            String baseName = row.baseline() == null ? "—" : row.baseline();
            String baseValue = row.baseline() == null ? "—" : base == null ? "not run" : f.format(f.value(base[0]));
            String speedUp = base == null ? "—" : String.format(Locale.ROOT, "%.1f×", measured[0] / base[0]);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    row.what(), f.format(value), interval,
                    f.target(row.target()), met, baseName, baseValue, speedUp));
        }
        if (!missing.isEmpty()) {
            out.append("\nnot run (excluded by options): ").append(String.join(", ", missing)).append('\n');
        }
        return out.toString();
    }

    static Map<String, double[]> scores(Collection<RunResult> results) {
        Map<String, double[]> scores = new TreeMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String shortName = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            scores.put(shortName, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        return scores;
    }

    static String table(Map<String, double[]> scores) {
        StringBuilder out = new StringBuilder();
        out.append("| what | ops/s (±99.9% CI) | yardstick, same run | ops/s | ratio | target | met |\n");
        out.append("| --- | ---: | --- | ---: | ---: | ---: | --- |\n");
        List<String> missing = new ArrayList<>();
        for (Row row : ROWS) {
            double[] measured = scores.get(row.benchmark());
            double[] yardstick = scores.get(row.yardstick());
            if (measured == null || yardstick == null) {
                missing.add(row.benchmark());
                continue;
            }
            double ratio = measured[0] / yardstick[0];
            out.append(String.format(Locale.ROOT, "| %s | %,.0f ± %,.0f | %s | %,.0f | %.2f× | ≥ %.1f× | %s |%n",
                    row.what(), measured[0], measured[1], row.yardstick(), yardstick[0], ratio, row.target(),
                    ratio >= row.target() ? "yes" : "NO"));
        }
        if (!missing.isEmpty()) {
            out.append("\nnot run (excluded by options): ").append(String.join(", ", missing)).append('\n');
        }
        return out.toString();
    }
}
