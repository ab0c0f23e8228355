package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.domain.event.EventFixtures.time;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryWithdrawn;

/**
 * R5(d) for watchlist entries (docs/rules.md): what a close must keep — every schema-2 entry
 * sealed to the epoch, not withdrawn before the close, valid after the close's time — and that
 * it may keep an entry only as exactly that record.
 */
class EntryRecordKeepingTest {
    private static final String EPOCH = EventFixtures.EPOCH;
    private static final Timestamp CLOSE = time("2026-11-27T10:05:00.000Z");

    private final EntryRecordKeeping keeping = new EntryRecordKeeping();

    private static SealedWatchlistEntryAuthorized entry(String id, String epoch, String validUntil) {
        SealedWatchlistEntryAuthorized w = EventFixtures.sealedWatchlistEntryAuthorized();
        return new SealedWatchlistEntryAuthorized(id, w.subject(), w.category(), "warrant " + id, w.authorisedBy(),
                w.validFrom(), time(validUntil), w.sourceImageDigest(), w.modelId(), w.templateFormat(), 1,
                new SealedRecordRef(w.sealed().blobDigest(), w.sealed().commitment(), epoch));
    }

    private static SignedEvent signed(EventPayload p, long seq) {
        return EventSigner.sign("ev-" + p.stream().text().replace("/", ".") + "-" + seq, seq,
                seq == 0 ? Optional.empty() : Optional.of(EventHash.ofLeafBytes(new byte[] {1})),
                time("2026-11-27T09:30:00.000Z"), p, EventFixtures.key(EventFixtures.OFFICER_SEED));
    }

    @Test
    void aCloseMustKeepEveryLiveEntrySealedToItsEpochInLeafOrder() {
        SignedEvent live = signed(entry("wl-live", EPOCH, "2026-12-01T00:00:00.000Z"), 0);
        SignedEvent withdrawn = signed(entry("wl-withdrawn", EPOCH, "2026-12-01T00:00:00.000Z"), 0);
        SignedEvent expired = signed(entry("wl-expired", EPOCH, "2026-11-27T10:05:00.000Z"), 0);
        SignedEvent otherEpoch = signed(entry("wl-other", "ep-other", "2026-12-01T00:00:00.000Z"), 0);
        SignedEvent later = signed(entry("wl-later", EPOCH, "2026-11-27T10:05:00.001Z"), 0);
        keeping.observe(live, 10);
        keeping.observe(withdrawn, 11);
        keeping.observe(expired, 12);
        keeping.observe(otherEpoch, 13);
        keeping.observe(signed(new WatchlistEntryWithdrawn("wl-withdrawn", "located"), 1), 14);
        keeping.observe(later, 15);
        keeping.observe(signed(EventFixtures.watchlistEntryAuthorized(), 0), 16); // schema 1: nothing sealed

        List<KeptRecord> must = keeping.mustKeep(EPOCH, CLOSE);
        assertThat(must).containsExactly(
                new KeptRecord("warrant wl-live", new DetectionRef(live.eventHash(), 10), KeepReason.WATCHLIST_ENTRY,
                        time("2026-12-01T00:00:00.000Z")),
                new KeptRecord("warrant wl-later", new DetectionRef(later.eventHash(), 15), KeepReason.WATCHLIST_ENTRY,
                        time("2026-11-27T10:05:00.001Z")));
        assertThat(keeping.sealedTo(EPOCH)).isEqualTo(4);
        assertThat(keeping.sealedTo("ep-other")).isEqualTo(1);
        for (KeptRecord k : must) {
            assertThat(keeping.refusal(EPOCH, CLOSE, k)).isEmpty();
        }
        assertThat(keeping.leafOf("wl-later")).hasValue(15);
        assertThat(keeping.entryAt(EPOCH, 11)).isPresent();
        assertThat(keeping.entryAt("ep-other", 11)).isEmpty();

        DetectionRef w = new DetectionRef(withdrawn.eventHash(), 11);
        assertThat(keeping.refusal(EPOCH, CLOSE, new KeptRecord("warrant wl-withdrawn", w, KeepReason.WATCHLIST_ENTRY,
                time("2026-12-01T00:00:00.000Z")))).hasValue("entry wl-withdrawn (leaf 11) was withdrawn at leaf 14,"
                        + " before the close");
        DetectionRef x = new DetectionRef(expired.eventHash(), 12);
        assertThat(keeping.refusal(EPOCH, CLOSE, new KeptRecord("warrant wl-expired", x, KeepReason.WATCHLIST_ENTRY,
                time("2026-11-27T10:05:00.000Z")))).hasValue("entry wl-expired (leaf 12) expired at its validUntil"
                        + " 2026-11-27T10:05:00.000Z, not after the close's time 2026-11-27T10:05:00.000Z");
        KeptRecord first = must.get(0);
        assertThat(keeping.refusal(EPOCH, CLOSE, new KeptRecord("another case", first.detection(),
                KeepReason.WATCHLIST_ENTRY, first.retainUntil()))).hasValueSatisfying(s -> assertThat(s)
                        .contains("must be kept with caseRef \"warrant wl-live\" and retainUntil 2026-12-01T00:00:00.000Z"));
        assertThat(keeping.refusal(EPOCH, CLOSE, new KeptRecord(first.caseRef(), first.detection(),
                KeepReason.WATCHLIST_ENTRY, time("2027-01-01T00:00:00.000Z")))).isPresent();
        assertThat(keeping.refusal(EPOCH, CLOSE, new KeptRecord(first.caseRef(), new DetectionRef(
                EventHash.ofLeafBytes(new byte[] {9}), 10), KeepReason.WATCHLIST_ENTRY, first.retainUntil())))
                .hasValueSatisfying(s -> assertThat(s).startsWith("the entry at leaf 10 has event hash"));
        assertThat(keeping.refusal(EPOCH, CLOSE, new KeptRecord("c", new DetectionRef(otherEpoch.eventHash(), 13),
                KeepReason.WATCHLIST_ENTRY, first.retainUntil()))).hasValue("no schema-2 WatchlistEntryAuthorized"
                        + " sealed to epoch ep-2026-11-27T09 at leaf 13 before the close");
        assertThatThrownBy(() -> keeping.refusal(EPOCH, CLOSE, new KeptRecord("c", first.detection(), KeepReason.MATCH,
                first.retainUntil()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesMustIncrease() {
        keeping.observe(signed(entry("wl-a", EPOCH, "2026-12-01T00:00:00.000Z"), 0), 5);
        assertThatThrownBy(() -> keeping.observe(signed(entry("wl-b", EPOCH, "2026-12-01T00:00:00.000Z"), 0), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf 5 <= last observed leaf 5");
    }
}
