package org.oversight.domain.event;

import java.util.OptionalLong;

/**
 * The members schema 2 of {@code RecognitionPolicySet} adds (docs/format.md §4.4): how long leaves
 * and kept records are kept (rule R8), the reporting delay trusted time allows (rule R11), and
 * optionally how long a retrospective search may wait for its authorisation (rule R4).
 *
 * @param logRetentionDays leaves are kept at least this long, 183–36,500 days
 * @param keptRetentionDays a kept record's {@code retainUntil} is at most the close's header time
 *     plus this many days, 1–36,500
 * @param maxReportingDelayMs the longest a detection may take from capture to a quorum-cosigned
 *     checkpoint, 1–86,400,000 ms
 * @param searchAuthorisationMs the optional member {@code searchAuthorisationMs} as given,
 *     1–172,800,000 ms; empty if absent (then the window is {@link #DEFAULT_SEARCH_AUTHORISATION_MS},
 *     see {@link #searchAuthorisationWindowMs()})
 */
public record RetentionTerms(long logRetentionDays, long keptRetentionDays, long maxReportingDelayMs,
        OptionalLong searchAuthorisationMs) {
    /** The search authorisation window when no policy in force sets one: 48 hours (issue #12 §4). */
    public static final long DEFAULT_SEARCH_AUTHORISATION_MS = 172_800_000L;

    public RetentionTerms {
        Values.present("$.searchAuthorisationMs", searchAuthorisationMs);
        long l = logRetentionDays;
        long k = keptRetentionDays;
        long d = maxReportingDelayMs;
        OptionalLong s = searchAuthorisationMs;
        Values.unchecked(() -> {
            check("$", l, k, d);
            if (s.isPresent()) {
                checkSearchWindow("$", s.getAsLong());
            }
        });
    }

    /** Terms without the optional {@code searchAuthorisationMs} (the window is then 48 hours). */
    public RetentionTerms(long logRetentionDays, long keptRetentionDays, long maxReportingDelayMs) {
        this(logRetentionDays, keptRetentionDays, maxReportingDelayMs, OptionalLong.empty());
    }

    /** These terms with {@code searchAuthorisationMs} present and equal to {@code ms}. */
    public RetentionTerms withSearchAuthorisationMs(long ms) {
        return new RetentionTerms(logRetentionDays, keptRetentionDays, maxReportingDelayMs, OptionalLong.of(ms));
    }

    /**
     * The effective search authorisation window W of rule R4(c): {@code searchAuthorisationMs} if
     * present, else {@link #DEFAULT_SEARCH_AUTHORISATION_MS} (48 h).
     */
    public long searchAuthorisationWindowMs() {
        return searchAuthorisationMs.orElse(DEFAULT_SEARCH_AUTHORISATION_MS);
    }

    static void check(String at, long logRetentionDays, long keptRetentionDays, long maxReportingDelayMs)
            throws InvalidEventException {
        Values.range(at + ".logRetentionDays", logRetentionDays, 183, 36_500);
        Values.range(at + ".keptRetentionDays", keptRetentionDays, 1, 36_500);
        Values.range(at + ".maxReportingDelayMs", maxReportingDelayMs, 1, 86_400_000);
    }

    static void checkSearchWindow(String at, long searchAuthorisationMs) throws InvalidEventException {
        Values.range(at + ".searchAuthorisationMs", searchAuthorisationMs, 1, DEFAULT_SEARCH_AUTHORISATION_MS);
    }
}
