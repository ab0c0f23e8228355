package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.note.Cosignature;

/** R11 (docs/rules.md): L·1000 − D ≤ captureTime < (E + 1)·1000. */
class TrustedTimeTest {
    /** 2026-12-06T12:00:00Z. */
    private static final long T = 1_796_558_400L;
    private static final long D = 600_000;  // 10 minutes

    private static Cosignature at(String witness, long seconds) {
        return Cosignature.of(witness, 7, seconds, new byte[64]);
    }

    private static Optional<RuleViolation> check(long captureMillis, TrustedTime.WitnessTimes times) {
        return TrustedTime.check(41, "ev-41", Timestamp.ofEpochMillis(captureMillis), times, D);
    }

    @Test
    void aDetectionReportedWithinTheDelayComplies() {
        TrustedTime.WitnessTimes times = TrustedTime.WitnessTimes.of(42, List.of(at("w1.example", T), at("w2.example", T + 3)));
        assertThat(times.earliestSeconds()).isEqualTo(T);
        assertThat(times.latestSeconds()).isEqualTo(T + 3);
        assertThat(check(T * 1000 - 5_000, times)).isEmpty();
        // The bounds themselves: L·1000 − D is allowed; anything up to the end of E's second is allowed.
        assertThat(check((T + 3) * 1000 - D, times)).isEmpty();
        assertThat(check((T + 1) * 1000 - 1, times)).isEmpty();
    }

    @Test
    void aDetectionBackdatedBeyondTheDelayIsAViolation() {
        TrustedTime.WitnessTimes times = TrustedTime.WitnessTimes.of(42, List.of(at("w1.example", T), at("w2.example", T + 3)));
        // One millisecond too early against the LATEST witness time, although within D of the earliest.
        Optional<RuleViolation> v = check((T + 3) * 1000 - D - 1, times);
        assertThat(v).isPresent();
        assertThat(v.get().rule()).isEqualTo(PolicyRule.R11);
        assertThat(v.get().leafIndex()).isEqualTo(41);
        assertThat(v.get().eventId()).isEqualTo("ev-41");
        assertThat(v.get().expected()).contains("at or after 2026-12-06T11:50:03Z").contains("size 42")
                .contains("maxReportingDelayMs 600000");
        assertThat(v.get().found()).contains("600001 ms before that witness time").contains("backdated");
        // A detection backdated by two days, into an expired warrant's window.
        assertThat(check(T * 1000 - 2 * 86_400_000L, times)).isPresent();
    }

    @Test
    void aDetectionCapturedAfterTheWitnessesSawItIsAViolation() {
        TrustedTime.WitnessTimes times = TrustedTime.WitnessTimes.of(42, List.of(at("w1.example", T), at("w2.example", T + 3)));
        // Within the latest witness's second but after the earliest witness's: forward-dated.
        Optional<RuleViolation> v = check((T + 1) * 1000, times);
        assertThat(v).isPresent();
        assertThat(v.get().expected()).contains("before 2026-12-06T12:00:01Z").contains("earliest witness time");
        assertThat(v.get().found()).contains("1000 ms after that witness time").contains("forward-dated");
        assertThat(check((T + 60) * 1000, times)).isPresent();
    }

    @Test
    void preconditionsNameTheOffendingValue() {
        TrustedTime.WitnessTimes times = new TrustedTime.WitnessTimes(42, T, T);
        Timestamp capture = Timestamp.ofEpochMillis(T * 1000);
        assertThatThrownBy(() -> TrustedTime.check(42, "e", capture, times, D)).hasMessageContaining("leaf 42");
        assertThatThrownBy(() -> TrustedTime.check(1, "e", capture, times, 0)).hasMessageContaining("maxReportingDelayMs 0");
        assertThatThrownBy(() -> TrustedTime.check(1, "e", capture, times, 86_400_001L))
                .hasMessageContaining("86400001");
        assertThatThrownBy(() -> new TrustedTime.WitnessTimes(0, T, T)).hasMessageContaining("tree size 0");
        assertThatThrownBy(() -> new TrustedTime.WitnessTimes(1, T, T - 1)).hasMessageContaining("witness times");
        assertThatThrownBy(() -> TrustedTime.WitnessTimes.of(1, List.of())).hasMessageContaining("size 1");
    }
}
