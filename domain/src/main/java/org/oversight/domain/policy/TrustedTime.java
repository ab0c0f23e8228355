package org.oversight.domain.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.note.Cosignature;

/**
 * Rule R11, trusted time (docs/rules.md "R11"): a detection's capture time is bounded by the
 * witnesses. Let C be the first (smallest) checkpoint that contains the detection's leaf and carries
 * the witness quorum (R10), E the earliest and L the latest timestamp among the cosignatures counted
 * for the quorum (POSIX seconds; a cosignature with timestamp t was made in [t, t + 1) s), and D the
 * {@code maxReportingDelayMs} of the policy in force at the detection. The detection complies iff
 * <pre>
 *   L·1000 − D  ≤  captureTime  &lt;  (E + 1)·1000        (UTC milliseconds)
 * </pre>
 * The right bound: every counted witness had the leaf when it cosigned, so the frame was captured
 * before the earliest of them (a later capture time is forward-dating). The left bound: the camera
 * reported the frame within D of capture, so the capture was at most D before the latest of them
 * (an earlier capture time is backdating, e.g. into an expired warrant's window). Using the earliest
 * for one bound and the latest for the other means a witness that lies about its time can only make
 * the rule stricter, never hide a detection that an honest member of the quorum dates correctly.
 *
 * <p>Pure and deterministic: no clock; the times are the witnesses' signed statements. The one
 * implementation, used by {@code verifier audit} and (its right bound, with its own cosignature
 * time) by {@code verifier witness}.
 */
public final class TrustedTime {
    /** The largest {@code maxReportingDelayMs} a policy may set (24 h; docs/format.md §4.4). */
    public static final long MAX_REPORTING_DELAY_MS = 86_400_000L;

    private TrustedTime() {}

    /**
     * The witness times of one quorum-cosigned checkpoint.
     *
     * @param treeSize the checkpoint's tree size (it contains leaves {@code 0 .. treeSize − 1})
     * @param earliestSeconds the earliest counted cosignature's timestamp
     * @param latestSeconds the latest counted cosignature's timestamp
     */
    public record WitnessTimes(long treeSize, long earliestSeconds, long latestSeconds) {
        public WitnessTimes {
            if (treeSize < 1) {
                throw new IllegalArgumentException("tree size " + treeSize + " < 1 contains no leaf");
            }
            if (earliestSeconds < 0 || latestSeconds < earliestSeconds) {
                throw new IllegalArgumentException("witness times " + earliestSeconds + " .. " + latestSeconds);
            }
            // Above this the millisecond arithmetic below would overflow; no real cosignature gets near.
            if (latestSeconds > Long.MAX_VALUE / 1000 - 1) {
                throw new IllegalArgumentException("witness time " + latestSeconds + " s is beyond any timestamp");
            }
        }

        /**
         * The times of the verified cosignatures that make a checkpoint's quorum.
         *
         * @throws IllegalArgumentException if {@code counted} is empty
         */
        public static WitnessTimes of(long treeSize, List<Cosignature> counted) {
            if (counted.isEmpty()) {
                throw new IllegalArgumentException("no cosignature counted for the checkpoint of size " + treeSize);
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Cosignature c : counted) {
                min = Math.min(min, c.timestamp());
                max = Math.max(max, c.timestamp());
            }
            return new WitnessTimes(treeSize, min, max);
        }
    }

    /**
     * R11's right bound alone, against one witness time {@code t}: {@code captureTime < (t + 1)·1000}.
     * A witness evaluates it live against the time of the cosignature it is about to make: whoever
     * cosigns a checkpoint containing a detection proves the frame had been captured by then, whatever
     * the other witnesses do, so a later capture time is a violation for certain.
     *
     * @param witnessTime names {@code t} in the violation, e.g. "this witness's time …"
     */
    public static Optional<RuleViolation> capturedBefore(long leaf, String eventId, Timestamp captureTime,
            long witnessSeconds, String witnessTime) {
        if (witnessSeconds < 0 || witnessSeconds > Long.MAX_VALUE / 1000 - 1) {
            throw new IllegalArgumentException("witness time " + witnessSeconds + " s");
        }
        long capture = captureTime.epochMillis();
        long before = (witnessSeconds + 1) * 1000;
        if (capture < before) {
            return Optional.empty();
        }
        return Optional.of(new RuleViolation(PolicyRule.R11, leaf, eventId,
                "captureTime before " + Instant.ofEpochMilli(before) + " (" + witnessTime + ", plus its 1 s resolution)",
                "captureTime " + captureTime.text() + ", " + (capture - before + 1000)
                        + " ms after that witness time: forward-dated"));
    }

    /**
     * Evaluates R11 for the detection at {@code leaf}.
     *
     * @param times the first quorum-cosigned checkpoint containing the leaf
     * @param maxReportingDelayMs D, 1 .. {@value #MAX_REPORTING_DELAY_MS}
     * @return the violation, or empty if the detection complies
     * @throws IllegalArgumentException if the checkpoint does not contain the leaf or D is out of range
     */
    public static Optional<RuleViolation> check(long leaf, String eventId, Timestamp captureTime, WitnessTimes times,
            long maxReportingDelayMs) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(captureTime, "captureTime");
        if (leaf < 0 || leaf >= times.treeSize()) {
            throw new IllegalArgumentException("leaf " + leaf + " is not in the checkpoint of size " + times.treeSize());
        }
        if (maxReportingDelayMs < 1 || maxReportingDelayMs > MAX_REPORTING_DELAY_MS) {
            throw new IllegalArgumentException("maxReportingDelayMs " + maxReportingDelayMs + " outside 1.."
                    + MAX_REPORTING_DELAY_MS);
        }
        Optional<RuleViolation> late = capturedBefore(leaf, eventId, captureTime, times.earliestSeconds(),
                "the earliest witness time " + Instant.ofEpochSecond(times.earliestSeconds()) + " of the first"
                        + " quorum-cosigned checkpoint containing the detection, size " + times.treeSize());
        if (late.isPresent()) {
            return late;
        }
        long capture = captureTime.epochMillis();
        long latestMillis = times.latestSeconds() * 1000;
        long notBefore = latestMillis - maxReportingDelayMs;
        if (capture < notBefore) {
            return Optional.of(new RuleViolation(PolicyRule.R11, leaf, eventId,
                    "captureTime at or after " + Instant.ofEpochMilli(notBefore) + " (the latest witness time "
                            + Instant.ofEpochSecond(times.latestSeconds()) + " of the first quorum-cosigned checkpoint"
                            + " containing the detection, size " + times.treeSize() + ", minus the policy's"
                            + " maxReportingDelayMs " + maxReportingDelayMs + ")",
                    "captureTime " + captureTime.text() + ", " + (latestMillis - capture)
                            + " ms before that witness time: backdated or reported late"));
        }
        return Optional.empty();
    }
}
