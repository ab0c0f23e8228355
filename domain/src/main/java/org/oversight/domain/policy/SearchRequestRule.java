package org.oversight.domain.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntry;

/**
 * Rule R4(a) (docs/rules.md "R4: retrospective search"): a retrospective search is requested only
 * for a watchlist entry authorised before the request, not withdrawn before it and valid at the
 * request's time. One implementation: the rule book judges it over the replayed log
 * ({@link SearchRules}), the ledger refuses such a request at ingest with the same code.
 */
public final class SearchRequestRule {
    private SearchRequestRule() {}

    /**
     * What the log shows of an entry before the request.
     *
     * @param authorisation its first accepted {@code WatchlistEntryAuthorized} (either schema)
     * @param leaf that event's leaf
     * @param withdrawnAt the leaf of its first accepted {@code WatchlistEntryWithdrawn}, or -1
     */
    public record EntryAt(WatchlistEntry authorisation, long leaf, long withdrawnAt) {
        public EntryAt {
            Objects.requireNonNull(authorisation, "authorisation");
        }
    }

    /**
     * Judges R4(a) for the request at {@code leaf}, timed {@code time}, over the whole log.
     *
     * @param entry the requested entry as the log shows it (empty: never authorised)
     * @return the violations, empty if none
     */
    public static List<RuleViolation> check(RetrospectiveSearchRequested request, long leaf, String eventId,
            Timestamp time, Optional<EntryAt> entry) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(entry, "entry");
        Violations out = new Violations(leaf, eventId);
        check(request, leaf, time, entry.orElse(null), true, out);
        return List.copyOf(out.list);
    }

    /**
     * As {@link #check(RetrospectiveSearchRequested, long, String, Timestamp, Optional)}; with
     * {@code wholeLog} false (an excerpt) an entry the excerpt does not carry is not judged.
     */
    static void check(RetrospectiveSearchRequested r, long leaf, Timestamp time, EntryAt e, boolean wholeLog,
            Violations out) {
        String id = r.entry();
        String expected = "entry " + id + " authorised by a WatchlistEntryAuthorized before the request, not withdrawn"
                + " before it, and valid at its time " + time.text() + " (R4(a))";
        if (e == null && !wholeLog) {
            return; // an excerpt need not carry the entry's authorisation
        }
        if (e == null || e.leaf() >= leaf) {
            out.add(PolicyRule.R4, expected, e == null ? "no authorisation of entry " + id
                    : "entry " + id + " authorised at leaf " + e.leaf() + ", not before the request");
            return;
        }
        if (e.withdrawnAt() >= 0 && e.withdrawnAt() < leaf) {
            out.add(PolicyRule.R4, expected, "entry " + id + " withdrawn at leaf " + e.withdrawnAt());
        }
        if (!e.authorisation().validAt(time)) {
            out.add(PolicyRule.R4, expected, "entry " + id + " (authorised at leaf " + e.leaf() + ") is valid in ["
                    + e.authorisation().validFrom().text() + ", " + e.authorisation().validUntil().text()
                    + "), not at " + time.text());
        }
    }
}
