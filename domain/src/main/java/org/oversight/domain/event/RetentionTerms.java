package org.oversight.domain.event;

/**
 * The members schema 2 of {@code RecognitionPolicySet} adds (docs/format.md §4.4): how long leaves
 * and kept records are kept (rule R8) and the reporting delay trusted time allows (rule R11).
 *
 * @param logRetentionDays leaves are kept at least this long, 183–36,500 days
 * @param keptRetentionDays a kept record's {@code retainUntil} is at most the close's header time
 *     plus this many days, 1–36,500
 * @param maxReportingDelayMs the longest a detection may take from capture to a quorum-cosigned
 *     checkpoint, 1–86,400,000 ms
 */
public record RetentionTerms(long logRetentionDays, long keptRetentionDays, long maxReportingDelayMs) {
    public RetentionTerms {
        long l = logRetentionDays;
        long k = keptRetentionDays;
        long d = maxReportingDelayMs;
        Values.unchecked(() -> check("$", l, k, d));
    }

    static void check(String at, long logRetentionDays, long keptRetentionDays, long maxReportingDelayMs)
            throws InvalidEventException {
        Values.range(at + ".logRetentionDays", logRetentionDays, 183, 36_500);
        Values.range(at + ".keptRetentionDays", keptRetentionDays, 1, 36_500);
        Values.range(at + ".maxReportingDelayMs", maxReportingDelayMs, 1, 86_400_000);
    }
}
