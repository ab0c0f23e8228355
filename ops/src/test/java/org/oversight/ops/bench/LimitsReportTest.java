package org.oversight.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LimitsReportTest {
    @Test
    void everyFigureStandsNextToItsSameRunLimitWithTheRatio() {
        Map<String, double[]> scores = new java.util.HashMap<>(Map.of(
                LimitsReport.VERIFY, new double[] {8000, 100},
                LimitsReport.AUDIT, new double[] {12000, 100},
                LimitsReport.AUDIT_ONE, new double[] {6000, 100},
                LimitsReport.VERIFY_AUDITED, new double[] {7500, 100},
                LimitsReport.VERIFY_BATCH, new double[] {15000, 100},
                LimitsReport.SCAN, new double[] {50e6, 1e6},
                LimitsReport.MEMORY, new double[] {100e6, 1e6},
                LimitsReport.EMBED, new double[] {50, 1},
                LimitsReport.EMBED_REFERENCE, new double[] {5, 1},
                LimitsReport.BUNDLE, new double[] {400, 1}));
        scores.put(LimitsReport.WITNESS, new double[] {6600, 100});
        Properties max = new Properties();
        max.setProperty("rate", "4000.0");
        max.setProperty("batch", "100");
        max.setProperty("detections", "20000");
        max.setProperty("rejections", "0");
        Properties rate = new Properties();
        rate.setProperty("inclusionP50Ms", "750.0");
        rate.setProperty("inclusionP99Ms", "1400.0");
        rate.setProperty("inclusionMaxMs", "1500.0");
        rate.setProperty("scheduledRate", "100.0");
        rate.setProperty("rate", "99.0");
        rate.setProperty("ackP50Ms", "20.0");
        rate.setProperty("rejections", "0");

        // CPU-seconds per item: BC verifies 10,000/CPU-s, the one-thread audit 12,500 events/CPU-s,
        // the all-threads audit 10,000; libsodium 14,000 verifications/CPU-s.
        Map<String, Double> cpu = Map.of(LimitsReport.VERIFY_AUDITED, 1e-4, LimitsReport.AUDIT_ONE, 8e-5,
                LimitsReport.AUDIT, 1e-4, LimitsReport.WITNESS, 1e-4);
        Properties cosign = new Properties();
        cosign.setProperty("cosignP50Ms", "400.0");
        cosign.setProperty("cosignP99Ms", "900.0");
        cosign.setProperty("cosignMaxMs", "950.0");
        cosign.setProperty("checkpoints", "60");
        cosign.setProperty("unreached", "1");
        cosign.setProperty("quorum", "2");
        cosign.setProperty("witnesses", "2");
        cosign.setProperty("rate", "50");
        cosign.setProperty("seconds", "60");
        cosign.setProperty("pollMs", "20");
        cosign.setProperty("intervalMs", "1000");
        String table = LimitsReport.table(scores, new LimitsReport.Inputs(max, rate, 1000, 2, 16, cpu,
                new LimitsReport.Sodium(14000, "1.0.18", null), cosign));

        assertThat(table.lines()).hasSize(2 + 12);
        // The witness's replay per core against the verify rate of the export's own signatures: 0.88 ≥ 0.8.
        assertThat(table).contains("vs the one-thread audit: 1.10; per CPU-second 10,000 events/s vs the audit's"
                + " 12,500 events/s); target ≥ 0.8: met | 6,600 events/s | 7,500 events/s |")
                .contains("p50 (p99 / max 900.0 / 950.0 ms; 60 checkpoints, 1 never reached the quorum")
                .contains("| 400 ms | 1000 ms |");
        assertThat(table).contains("| 4,000 events/s | 16,000 events/s | 2 cores × single-core Ed25519 verify/s")
                // The audit against the verify rate of its own signatures (7,500/s), the raw ratio beside.
                .contains("vs 2 × the 1 KB raw verify rate: 0.75) | 12,000 events/s | 15,000 events/s |")
                .contains("vs the 1 KB raw verify rate: 0.75) | 6,000 events/s | 7,500 events/s |")
                .contains("| 50.0 M templates/s | 100.0 M templates/s |")
                .contains("| 20.00 ms | 200.00 ms |")
                .contains("| 750 ms | 1000 ms |")
                // 16 signatures at 8,000/s = 2 ms; the bundle takes 2.5 ms.
                .contains("| 2.50 ms | 2.00 ms |")
                // Batch against single verification of the same signatures.
                .contains("| 15,000 signatures/s | 7,500 signatures/s |")
                // libsodium against BC per CPU-second; the audit against libsodium, target 1.0.
                .contains("| 14,000 signatures/s | 10,000 signatures/s |")
                .contains("| 12,500 events/s | 14,000 verifications/s |")
                .contains("all threads: 10,000 events/s, ratio 0.71); target ≥ 1.0: NOT met |");
        assertThat(table.lines().skip(2)).allSatisfy(line -> assertThat(line).doesNotContain("not run"));
        assertThat(table).contains("| 0.25 |").contains("| 0.80 |").contains("| 0.50 |").contains("| 0.10 |")
                .contains("| 1.25 |").contains("| 2.00 |").contains("| 1.40 |").contains("| 0.89 |")
                .contains("| 0.88 |").contains("| 0.40 |");
    }

    @Test
    void missingInputsSayNotRun() {
        String table = LimitsReport.table(Map.of(), new LimitsReport.Inputs(null, null, 1000, 2, 16));
        assertThat(table.lines().skip(2)).hasSize(12)
                .allSatisfy(line -> assertThat(line).containsAnyOf("not run", "not available"));
    }
}
