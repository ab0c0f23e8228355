package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.WatchlistEntryAuthorized;

/**
 * R4(a) at ingest ({@link LedgerRegistry#check}): a retrospective search is requested only for an
 * entry authorised before the request, not withdrawn and valid at its time — judged by the rule
 * book's code ({@code SearchRequestRule}) over the entry's stream, committed or earlier in the same
 * request; otherwise refused with {@code watchlist-authorisation} before anything is appended.
 */
class LedgerRegistrySearchRequestTest {
    private final CommittedLog log = new CommittedLog();
    private final List<SignedEvent> applied = log.applied();


    /** Genesis and the officer (leaves 0–1). */
    private LedgerRegistry judging() throws Exception {
        LedgerRegistry registry = new LedgerRegistry();
        registry.checkDisclosuresAgainst(log);
        log.apply(registry, EventFixtures.signed(new AuthorityDeclared("authority-1", "Board",
                EventFixtures.key(EventFixtures.AUTHORITY_SEED).publicKey()), EventFixtures.AUTHORITY_SEED));
        log.apply(registry, EventFixtures.signed(new KeyEnrolled("officer-7", Role.OFFICER,
                EventFixtures.key(EventFixtures.OFFICER_SEED).publicKey()), EventFixtures.AUTHORITY_SEED));
        return registry;
    }

    private static SignedEvent request() {
        return EventFixtures.signed(EventFixtures.retrospectiveSearchRequested(), EventFixtures.OFFICER_SEED);
    }

    private void assertRefused(LedgerRegistry registry, long leaf, String found) {
        assertThatThrownBy(() -> registry.check(request(), leaf))
                .isInstanceOfSatisfying(EventRejectedException.class,
                        e -> assertThat(e.type()).isEqualTo(Rejection.WATCHLIST_AUTHORISATION))
                .hasMessageContaining("payload.entry: " + found)
                .hasMessageContaining("(R4(a))");
    }

    @Test
    void aRequestForAnEntryNeverAuthorisedIsRefused() throws Exception {
        LedgerRegistry registry = judging();
        assertRefused(registry, 2, "no authorisation of entry wl-2026-0001");
    }

    @Test
    void aRequestForAnEntryAuthorisedEarlierInTheSameRequestOrCommittedIsAccepted() throws Exception {
        LedgerRegistry registry = judging();
        log.apply(registry, EventFixtures.signed(EventFixtures.watchlistEntryAuthorized(), EventFixtures.OFFICER_SEED));
        assertThatCode(() -> registry.check(request(), 3)).doesNotThrowAnyException();
        log.commit(registry);
        assertThatCode(() -> registry.check(request(), 3)).doesNotThrowAnyException();
    }

    @Test
    void aRequestForAWithdrawnEntryIsRefused() throws Exception {
        LedgerRegistry registry = judging();
        log.apply(registry, EventFixtures.signed(EventFixtures.watchlistEntryAuthorized(), EventFixtures.OFFICER_SEED));
        log.apply(registry, EventFixtures.signed(EventFixtures.watchlistEntryWithdrawn(), EventFixtures.OFFICER_SEED));
        log.commit(registry);
        assertRefused(registry, 4, "entry wl-2026-0001 withdrawn at leaf 3");
    }

    @Test
    void aRequestOutsideTheEntrysValidityIsRefused() throws Exception {
        LedgerRegistry registry = judging();
        WatchlistEntryAuthorized w = EventFixtures.watchlistEntryAuthorized();
        log.apply(registry, EventFixtures.signed(new WatchlistEntryAuthorized(w.entry(), w.subject(), w.category(),
                w.authorisationRef(), w.authorisedBy(), EventFixtures.time("2026-12-01T00:00:00.000Z"),
                EventFixtures.time("2027-01-01T00:00:00.000Z"), w.templates(), w.sourceImageDigest()),
                EventFixtures.OFFICER_SEED));
        assertRefused(registry, 3, "entry wl-2026-0001 (authorised at leaf 2) is valid in [2026-12-01T00:00:00.000Z,"
                + " 2027-01-01T00:00:00.000Z), not at"
                + " 2026-11-27T09:30:01.000Z");
    }

    @Test
    void aRegistryThatOnlyReplaysCommittedLeavesDoesNotJudgeRequests() throws Exception {
        LedgerRegistry rebuilt = new LedgerRegistry();
        judging();
        for (int i = 0; i < applied.size(); i++) {
            rebuilt.replay(applied.get(i), i);
        }
        assertThatCode(() -> rebuilt.check(request(), 2)).doesNotThrowAnyException();
    }
}
