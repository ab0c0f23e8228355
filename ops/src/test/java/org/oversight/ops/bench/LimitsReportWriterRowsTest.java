package org.oversight.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The ingest-vs-store, sealed-ingest and sealing rows of {@link LimitsReport#writerRows}. */
class LimitsReportWriterRowsTest {
    @Test
    void ingestStandsNextToTheStoresOwnLimitAndSealingNextToTheVerifyYardstick() {
        Properties simMax = new Properties();
        simMax.setProperty("rate", "9000");
        Properties store = new Properties();
        store.setProperty("storeRate", "30000");
        store.setProperty("storeEvents", "100000");
        store.setProperty("storeBatch", "1000");
        store.setProperty("storeEnvelopeBytes", "1801");
        Properties sealed = new Properties();
        sealed.setProperty("rate", "6000");
        sealed.setProperty("batch", "1000");
        sealed.setProperty("detections", "40000");
        sealed.setProperty("rejections", "0");
        Map<String, double[]> scores = Map.of(
                LimitsReport.VERIFY, new double[] {12_000, 1},
                LimitsReport.SEAL, new double[] {3_000, 1},
                LimitsReport.UNSEAL, new double[] {6_000, 1});

        String rows = LimitsReport.writerRows(scores, simMax, store, sealed);

        assertThat(rows.lines()).hasSize(7);
        assertThat(rows).contains("| 30,000 events/s | 20,000 events/s |").contains("| 1.50 |")
                .contains("| 9,000 events/s | 30,000 events/s | the store's own limit, same run (StoreLimit) | 0.30 |")
                .contains("targets ≥ 0.8 × the store and ≥ 20,000 events/s: NOT met and NOT met")
                .contains("vs the clear-detection run: 0.67); target ≥ 5,000: met | 6,000 events/s | 5,000 events/s")
                .contains("| 3,000 records/s | 12,000 verifies/s |").contains("| 0.25 |")
                .contains("| 6,000 records/s | 12,000 verifies/s |").contains("| 0.50 |");
    }

    @Test
    void missingInputsSayNotRun() {
        String rows = LimitsReport.writerRows(Map.of(), null, null, null);
        assertThat(rows.lines()).hasSize(7);
        assertThat(rows.lines().limit(3)).allMatch(l -> l.contains("| not run | — | — | — |"));
        assertThat(rows.lines().skip(3)).allMatch(l -> l.contains("| not run | not run |"));
    }
}
