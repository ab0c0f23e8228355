package org.oversight.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LimitsReportSearchRowsTest {
    @Test
    void batchedSearchAndMemoryReadStandNextToTheirSameRunYardsticks() {
        Map<String, double[]> scores = Map.of(
                LimitsReport.SCAN, new double[] {100e6, 1e6},
                LimitsReport.SCAN_BATCH, new double[] {250e6, 1e6},
                LimitsReport.MEMORY, new double[] {90e6, 1e6});
        Map<String, Double> cpuPerItem = Map.of(
                LimitsReport.SCAN, 1 / 120e6,
                LimitsReport.SCAN_BATCH, 1 / 360e6,
                LimitsReport.MEMORY, 1 / 150e6);
        Properties c = new Properties();
        c.setProperty("templatesPerSecond", "60000000");
        c.setProperty("cpuTemplatesPerSecond", "200000000");

        String rows = LimitsReport.searchRows(scores, cpuPerItem, c);

        assertThat(rows.lines()).hasSize(2);
        assertThat(rows).contains("| 250.0 M pairs/s | 100.0 M templates/s |").contains("| 2.50 |")
                .contains("per CPU-second: 360.0 M pairs/s vs 120.0 M templates/s, ratio 3.00")
                .contains("| 150.0 M templates/s | 200.0 M templates/s |").contains("| 0.75 |")
                .contains("per wall-second 90.0 M templates/s vs native 60.0 M templates/s");
    }

    @Test
    void interleavedMemoryReadComparesTheRatesMeasuredTogether() {
        Properties c = new Properties();
        c.setProperty("templatesPerSecond", "60000000");
        c.setProperty("cpuTemplatesPerSecond", "200000000");
        c.setProperty("interleavedRounds", "6");
        c.setProperty("interleavedJavaCpuTemplatesPerSecond", "190000000");
        c.setProperty("interleavedNativeCpuTemplatesPerSecond", "200000000");

        String rows = LimitsReport.searchRows(Map.of(), Map.of(LimitsReport.MEMORY, 1 / 150e6), c);

        assertThat(rows.lines()).hasSize(2);
        assertThat(rows.lines().skip(1).findFirst().orElseThrow())
                .contains("| 190.0 M templates/s | 200.0 M templates/s |").contains("| 0.95 |")
                .contains("alternated 6 times").contains("the JMH fork alone, minutes later: 150.0 M templates/s");
    }

    @Test
    void withoutGccTheNativeRowSaysNotAvailable() {
        String rows = LimitsReport.searchRows(Map.of(), Map.of(), null);
        assertThat(rows.lines()).hasSize(2);
        assertThat(rows.lines().skip(1).findFirst().orElseThrow()).contains("| not available |");
        assertThat(rows.lines().findFirst().orElseThrow()).contains("| not run | not run |");
    }
}
