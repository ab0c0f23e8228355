package org.oversight.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The false-match rate in words: "about 1 in N", N to two significant digits. */
class CourtSummaryWordsTest {
    @Test
    void ratesReadAsOneInN() {
        assertThat(CourtSummary.oneIn(1000)).isEqualTo("about 1 in 1,000");
        assertThat(CourtSummary.oneIn(37)).isEqualTo("about 1 in 27,000");
        assertThat(CourtSummary.oneIn(3)).isEqualTo("about 1 in 330,000");
        assertThat(CourtSummary.oneIn(1)).isEqualTo("about 1 in 1,000,000");
        assertThat(CourtSummary.oneIn(999_999)).isEqualTo("about 1 in 1 (every search)");
        assertThat(CourtSummary.oneIn(0)).startsWith("attested as 0 per million");
    }

    @Test
    void timesReadAsDates() throws Exception {
        assertThat(CourtSummary.when(org.oversight.domain.event.Timestamp.parse("$", "2026-11-27T09:30:00.040Z")))
                .isEqualTo("27 November 2026, 09:30:00.040 UTC");
    }

    @Test
    void onlyACanonicalCropBecomesAnImage() {
        assertThat(CourtSummary.cropPng(new byte[150 * 150 * 3])).isPresent();
        assertThat(CourtSummary.cropPng(new byte[150 * 150 * 3 - 1])).isEmpty();
    }
}
