package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.event.EventFixtures.time;
import static org.oversight.domain.policy.PolicyLog.AUTHORITY;
import static org.oversight.domain.policy.PolicyLog.CAMERA;
import static org.oversight.domain.policy.PolicyLog.ENGINE;
import static org.oversight.domain.policy.PolicyLog.OFFICER;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.EPOCH;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.opened;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.policyV2;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.sealed;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;

/**
 * R3, R5 (b)–(d), R8 and R5(c) for schema-2 watchlist entries (docs/rules.md; WL-SPEC §3): a close
 * must keep a live entry's enrolment record for reason {@code watchlist-entry} with the entry's
 * authorisationRef and validUntil, may keep nothing else for that reason, counts entries among
 * the erased; a destroyed or erased entry record may not be disclosed or matched against.
 *
 * <p>Base log: a schema-2 policy (keptRetentionDays 30) at leaf 0, epoch {@value
 * RuleBookSealedRecordsTest#EPOCH} opened at 1, the sealed entry {@value #LIVE} (valid until
 * 1 December) at 2, the sealed entry {@value #ENDED} at 3, a sealed detection at 4.
 */
class RuleBookSealedEntriesTest {
    static final String LIVE = "wl-live";
    static final String ENDED = "wl-ended";
    static final String CLOSE_TIME = "2026-11-27T10:30:00.000Z";
    static final long LIVE_LEAF = 2;
    static final long ENDED_LEAF = 3;

    static SealedWatchlistEntryAuthorized entry(String id, String validUntil) {
        SealedWatchlistEntryAuthorized w = EventFixtures.sealedWatchlistEntryAuthorized();
        return new SealedWatchlistEntryAuthorized(id, w.subject(), w.category(), "warrant " + id, "officer-7",
                time("2026-11-01T00:00:00.000Z"), time(validUntil), w.sourceImageDigest(), w.modelId(),
                w.templateFormat(), 1, new SealedRecordRef(w.sealed().blobDigest(), w.sealed().commitment(), EPOCH));
    }

    static PolicyLog base() {
        PolicyLog log = new PolicyLog(new RuleBook());
        log.add(policyV2(30), AUTHORITY);
        log.addAt("2026-11-27T08:55:00.000Z", opened(EPOCH), AUTHORITY);
        log.addAt("2026-11-27T09:10:00.000Z", entry(LIVE, "2026-12-01T00:00:00.000Z"), OFFICER);
        log.addAt("2026-11-27T09:11:00.000Z", entry(ENDED, "2026-12-01T00:00:00.000Z"), OFFICER);
        log.addAt("2026-11-27T09:30:00.100Z", sealed("2026-11-27T09:30:00.040Z", EPOCH), CAMERA);
        return log;
    }

    static KeptRecord keep(PolicyLog log, long leaf, String id) {
        return new KeptRecord("warrant " + id, new DetectionRef(log.event(leaf).eventHash(), leaf),
                KeepReason.WATCHLIST_ENTRY, time("2026-12-01T00:00:00.000Z"));
    }

    /** The base log, ENDED withdrawn at leaf 5, an honest close at leaf 6 keeping LIVE only. */
    static PolicyLog closed() {
        PolicyLog log = base();
        log.addAt("2026-11-27T09:40:00.000Z", new WatchlistEntryWithdrawn(ENDED, "located"), OFFICER);
        log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(keep(log, LIVE_LEAF, LIVE)), 2), ENGINE);
        return log;
    }

    @Test
    void anHonestLifecycleOfASealedEntryHasNoViolation() {
        PolicyLog log = closed();
        log.addAt("2026-11-28T10:00:00.000Z", RecordDisclosed.withEntries("d-1", List.of(), List.of(LIVE),
                DisclosurePurpose.EVIDENCE_BUNDLE, "case-1", "Court"), OFFICER);
        log.addAt("2026-11-30T10:00:00.000Z", new KeptRecordsDestroyed(EPOCH, List.of(
                keep(log, LIVE_LEAF, LIVE).detection()), "entry expires"), ENGINE);
        assertThat(log.violations).isEmpty();
        assertThat(log.book.keptRecordsObserved()).isEqualTo(1);
        assertThat(log.book.authorisationsObserved()).isEqualTo(2);
    }

    @Test
    void aCloseThatDoesNotKeepALiveEntryViolatesR5d() {
        PolicyLog log = base();
        List<RuleViolation> v = log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(keep(log, LIVE_LEAF,
                LIVE)), 2), ENGINE);
        assertThat(v).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(PolicyRule.R5);
            assertThat(f.expected()).startsWith("the enrolment record of entry wl-ended at leaf 3 kept with reason"
                    + " watchlist-entry");
            assertThat(f.found()).isEqualTo("not kept: its templates are erased while the entry is live");
        });
    }

    @Test
    void keepingAWithdrawnEntryOrWithAnotherCaseIsKeepingWithoutAReason() {
        PolicyLog log = base();
        log.addAt("2026-11-27T09:40:00.000Z", new WatchlistEntryWithdrawn(ENDED, "located"), OFFICER);
        KeptRecord live = keep(log, LIVE_LEAF, LIVE);
        List<RuleViolation> v = log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(
                new KeptRecord("another case", live.detection(), KeepReason.WATCHLIST_ENTRY, live.retainUntil()),
                keep(log, ENDED_LEAF, ENDED)), 1), ENGINE);
        assertThat(v).extracting(RuleViolation::found).containsExactly(
                "entry wl-live (leaf 2) must be kept with caseRef \"warrant wl-live\" and retainUntil"
                        + " 2026-12-01T00:00:00.000Z, not caseRef \"another case\" and retainUntil 2026-12-01T00:00:00.000Z",
                "entry wl-ended (leaf 3) was withdrawn at leaf 5, before the close");
        assertThat(v).extracting(RuleViolation::rule).containsOnly(PolicyRule.R5);
    }

    @Test
    void theErasedCountIncludesEntriesAndRetentionIsBoundedByValidUntilNotThePolicy() {
        PolicyLog log = base();
        log.addAt("2026-11-27T09:40:00.000Z", new WatchlistEntryWithdrawn(ENDED, "located"), OFFICER);
        // validUntil is 4 days after the close, the policy allows 30: no R8 finding; but erased 1 ≠ 3 − 1.
        List<RuleViolation> v = log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(keep(log, LIVE_LEAF,
                LIVE)), 1), ENGINE);
        assertThat(v).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(PolicyRule.R5);
            assertThat(f.expected()).isEqualTo("erased = 1 detections and 2 watchlist entries sealed to epoch "
                    + EPOCH + " - 1 kept = 2 (R5(b): every record of the epoch kept or erased)");
        });
    }

    @Test
    void aLongLivedEntryIsKeptPastThePolicysKeptRetention() {
        PolicyLog log = new PolicyLog(new RuleBook());
        log.add(policyV2(30), AUTHORITY);
        log.addAt("2026-11-27T08:55:00.000Z", opened(EPOCH), AUTHORITY);
        log.addAt("2026-11-27T09:10:00.000Z", entry(LIVE, "2027-11-01T00:00:00.000Z"), OFFICER);
        KeptRecord k = new KeptRecord("warrant " + LIVE, new DetectionRef(log.event(2).eventHash(), 2),
                KeepReason.WATCHLIST_ENTRY, time("2027-11-01T00:00:00.000Z"));
        assertThat(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(k), 0), ENGINE)).isEmpty();
    }

    @Test
    void aDisclosureOrMatchOfAnErasedOrDestroyedEntryRecordViolatesR5c() {
        PolicyLog log = closed();
        List<RuleViolation> erased = log.addAt("2026-11-28T10:00:00.000Z", RecordDisclosed.withEntries("d-1",
                List.of(), List.of(ENDED), DisclosurePurpose.AUDIT, "case-1", "auditor"), AUTHORITY);
        assertThat(erased).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(PolicyRule.R5);
            assertThat(f.expected()).startsWith("no RecordDisclosed naming an erased record (R5(c)): the entry wl-ended"
                    + " at leaf 3 of epoch " + EPOCH);
            assertThat(f.found()).isEqualTo("the entry wl-ended at leaf 3 was erased by epoch " + EPOCH
                    + "'s close at leaf 6 (not kept)");
        });
        log.addAt("2026-11-29T10:00:00.000Z", new KeptRecordsDestroyed(EPOCH, List.of(
                keep(log, LIVE_LEAF, LIVE).detection()), "entry withdrawn"), ENGINE);
        List<RuleViolation> destroyed = log.addAt("2026-11-29T10:01:00.000Z", log.match("m-9", 4, LIVE, 5200, 5200),
                ENGINE);
        assertThat(destroyed).filteredOn(f -> f.rule() == PolicyRule.R5).extracting(RuleViolation::found)
                .contains("the kept record of the entry wl-live at leaf 2 was destroyed by KeptRecordsDestroyed at"
                        + " leaf 8");
    }

    @Test
    void aSealedEntryAuthorisesMatchesLikeASchema1Entry() {
        PolicyLog log = base();
        List<RuleViolation> v = log.addAt("2026-11-27T09:31:00.000Z", log.match("m-1", 4, LIVE, 5200, 5200), ENGINE);
        assertThat(v).noneMatch(f -> f.rule() == PolicyRule.R3);
    }
}
