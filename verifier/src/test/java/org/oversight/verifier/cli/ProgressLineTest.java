package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line: silent for short audits, percentage, rate and time left for long ones. */
class ProgressLineTest {
    private static final long SECOND = 1_000_000_000L;
    private final StringWriter err = new StringWriter();
    private long now = 5 * SECOND;

    private ProgressLine line(boolean terminal) {
        return new ProgressLine(new PrintWriter(err), terminal, () -> now);
    }

    @Test
    void formatsPercentageRateAndTimeLeft() {
        assertThat(ProgressLine.format(450_000, 1_000_000, 9 * SECOND))
                .isEqualTo("verifier: 45.0% of 1,000,000 leaves, 50,000 leaves/s, about 0:11 left");
        assertThat(ProgressLine.format(1_000_000, 1_000_000, 20 * SECOND))
                .isEqualTo("verifier: 100.0% of 1,000,000 leaves, 50,000 leaves/s, done in 0:20");
        assertThat(ProgressLine.duration(3 * 3600 + 62)).isEqualTo("3:01:02");
    }

    @Test
    void aShortAuditShowsNothing() {
        ProgressLine progress = line(true);
        now += 2 * SECOND;
        progress.leavesRead(10_000, 20_000);
        now += SECOND / 2;
        progress.leavesRead(20_000, 20_000);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndedWhenDone() {
        ProgressLine progress = line(true);
        now += 4 * SECOND;
        progress.leavesRead(40_000, 100_000);
        now += SECOND / 10; // too soon to redraw
        progress.leavesRead(50_000, 100_000);
        now += SECOND;
        progress.leavesRead(60_000, 100_000);
        now += 2 * SECOND;
        progress.leavesRead(100_000, 100_000);
        assertThat(err.toString()).isEqualTo(
                "\rverifier: 40.0% of 100,000 leaves, 10,000 leaves/s, about 0:06 left"
                        + "\rverifier: 60.0% of 100,000 leaves, 11,765 leaves/s, about 0:03 left"
                        + "\rverifier: 100.0% of 100,000 leaves, 14,085 leaves/s, done in 0:07  \n"); // padded over the longer line before
    }

    @Test
    void elsewhereWhenAskedForPlainLinesAtLongerIntervals() {
        ProgressLine progress = line(false);
        now += 4 * SECOND;
        progress.leavesRead(40_000, 100_000);
        now += 5 * SECOND;
        progress.leavesRead(60_000, 100_000);
        now += 6 * SECOND;
        progress.leavesRead(80_000, 100_000);
        progress.leavesRead(100_000, 100_000);
        assertThat(err.toString()).isEqualTo("verifier: 40.0% of 100,000 leaves, 10,000 leaves/s, about 0:06 left\n"
                + "verifier: 80.0% of 100,000 leaves, 5,333 leaves/s, about 0:04 left\n");
    }
}
