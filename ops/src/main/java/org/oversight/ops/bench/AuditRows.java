package org.oversight.ops.bench;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The audit rows of {@link BenchReport}: {@link AuditBenchmark}'s events/s against the
 * single-core raw Ed25519 verify rate of the same run ({@link RawEd25519Benchmark#rawVerify})
 * times the cores the audit used; target ≥ 0.8 per core (issue #5).
 *
 * <p>Beside it, two load-independent figures from the process CPU time each benchmark counted
 * ({@link AuditBenchmark.CpuUse}): the cores the audit actually got (CPU-seconds per wall-second)
 * and the CPU-normalised ratio — audit events per CPU-second over Ed25519 verifications of the
 * audit's own event bytes per CPU-second ({@link AuditBenchmark#verifyEventSignaturesOneThread}).
 * On a machine other processes keep busy, the wall-clock ratio drifts with their load between the
 * forks; the CPU-normalised one does not.
 */
final class AuditRows {
    static final double TARGET_PER_CORE = 0.8;
    static final String YARDSTICK = "RawEd25519Benchmark.rawVerify";
    static final String CPU_YARDSTICK = "AuditBenchmark.verifyEventSignaturesOneThread";

    private AuditRows() {}

    /** One row: the benchmark, its {@code --threads} and the cores that allows it to use. */
    record Row(String benchmark, int threads, int cores) {}

    static List<Row> rows(int processors) {
        return List.of(new Row("AuditBenchmark.auditOneThread", 1, 1),
                new Row("AuditBenchmark.auditAllThreads", processors, processors));
    }

    /** CPU-seconds per unit of work, by short benchmark name, from the {@code CpuUse} counters. */
    static Map<String, Double> cpuSecondsPerItem(Collection<RunResult> results) {
        Map<String, Double> out = new TreeMap<>();
        for (RunResult r : results) {
            Map<String, Result> secondary = r.getSecondaryResults();
            Result cpu = secondary.get("cpuNanos");
            Result work = secondary.get("work");
            if (cpu != null && work != null && work.getScore() > 0) {
                String label = r.getParams().getBenchmark();
                String shortName = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
                out.put(shortName, cpu.getScore() / 1e9 / work.getScore());
            }
        }
        return out;
    }

    /** The table without the CPU columns (no CPU counters at hand). */
    static String table(Map<String, double[]> scores, int processors) {
        return table(scores, Map.of(), processors);
    }

    static String table(Map<String, double[]> scores, Map<String, Double> cpuPerItem, int processors) {
        StringBuilder out = new StringBuilder();
        out.append("| audit, " + AuditBenchmark.EVENTS + "-event export | --threads | events/s (±99.9% CI) | cores"
                + " | " + YARDSTICK + " /s, same run | ratio per core | target | met | cores actually used (CPU/wall)"
                + " | CPU-normalised ratio |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n");
        double[] verify = scores.get(YARDSTICK);
        Double verifyCpu = cpuPerItem.get(CPU_YARDSTICK);
        for (Row row : rows(processors)) {
            double[] audit = scores.get(row.benchmark());
            if (audit == null || verify == null) {
                out.append("| ").append(row.benchmark()).append(" | not run (excluded by options) | | | | | | | | |\n");
                continue;
            }
            double ratio = audit[0] / (row.cores() * verify[0]);
            Double auditCpu = cpuPerItem.get(row.benchmark());
            String used = auditCpu == null ? "—" : String.format(Locale.ROOT, "%.2f", audit[0] * auditCpu);
            String cpuRatio = auditCpu == null || verifyCpu == null ? "—"
                    : String.format(Locale.ROOT, "%.2f×", verifyCpu / auditCpu);
            out.append(String.format(Locale.ROOT, "| %s | %d | %,.0f ± %,.0f | %d | %,.0f | %.2f× | ≥ %.1f× | %s | %s | %s |%n",
                    row.benchmark(), row.threads(), audit[0], audit[1], row.cores(), verify[0], ratio,
                    TARGET_PER_CORE, ratio >= TARGET_PER_CORE ? "yes" : "NO", used, cpuRatio));
        }
        if (verifyCpu != null) {
            out.append(String.format(Locale.ROOT, "%nCPU yardstick: %s, %,.0f verifications per CPU-second of real"
                    + " detection events.%n", CPU_YARDSTICK, 1 / verifyCpu));
        }
        return out.toString();
    }
}
