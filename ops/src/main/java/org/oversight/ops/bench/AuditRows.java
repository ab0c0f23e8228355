package org.oversight.ops.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit rows of {@link BenchReport}: {@link AuditBenchmark}'s events/s against the
 * single-core raw Ed25519 verify rate of the same run ({@link RawEd25519Benchmark#rawVerify})
 * times the cores the audit used; target ≥ 0.8 per core.
 */
final class AuditRows {
    static final double TARGET_PER_CORE = 0.8;
    static final String YARDSTICK = "RawEd25519Benchmark.rawVerify";

    private AuditRows() {}

    /** One row: the benchmark, its {@code --threads} and the cores that allows it to use. */
    record Row(String benchmark, int threads, int cores) {}

    static List<Row> rows(int processors) {
        return List.of(new Row("AuditBenchmark.auditOneThread", 1, 1),
                new Row("AuditBenchmark.auditAllThreads", processors, processors));
    }

    static String table(Map<String, double[]> scores, int processors) {
        StringBuilder out = new StringBuilder();
        out.append("| audit, " + AuditBenchmark.EVENTS + "-event export (events/s, ±99.9% CI) | --threads | cores used"
                + " | yardstick, same run | verifies/s per core | ratio per core | target | met |\n");
        out.append("| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |\n");
        double[] verify = scores.get(YARDSTICK);
        for (Row row : rows(processors)) {
            double[] audit = scores.get(row.benchmark());
            if (audit == null || verify == null) {
                out.append("| ").append(row.benchmark()).append(": not run (excluded by options) | | | | | | | |\n");
                continue;
            }
            double ratio = audit[0] / (row.cores() * verify[0]);
            out.append(String.format(Locale.ROOT, "| %s: %,.0f ± %,.0f | %d | %d | %s | %,.0f | %.2f× | ≥ %.1f× | %s |%n",
                    row.benchmark(), audit[0], audit[1], row.threads(), row.cores(), YARDSTICK, verify[0], ratio,
                    TARGET_PER_CORE, ratio >= TARGET_PER_CORE ? "yes" : "NO"));
        }
        return out.toString();
    }
}
