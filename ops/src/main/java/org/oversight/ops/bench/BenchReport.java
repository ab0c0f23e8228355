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
 * next to the limit it is judged against, measured in the same run (DESIGN.md §9: the machine is
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
                    "EventPathBenchmark.canonicaliseAndSign", "RawEd25519Benchmark.rawSign", 0.8),
            new Row("domain-separated Ed25519 sign (1 KB)",
                    "LogPathBenchmark.domainSign", "RawEd25519Benchmark.rawSign", 0.8),
            new Row("Merkle append (leaf hash + compact range, 1 KB leaf)",
                    "LogPathBenchmark.merkleAppendLeaf", "RawEd25519Benchmark.rawVerify", 1.0),
            new Row("strict canonical parse (~1.6 KB event)",
                    "EventPathBenchmark.canonicalParseOnly", "RawEd25519Benchmark.rawVerify", 1.0));

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options cli = new CommandLineOptions(args);
        Options options = new OptionsBuilder().parent(cli)
                .include(EventPathBenchmark.class.getSimpleName())
                .include(LogPathBenchmark.class.getSimpleName())
                .include(RawEd25519Benchmark.class.getSimpleName())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(table(scores(results)));
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
