package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.event.EventFixtures.time;
import static org.oversight.domain.policy.PolicyLog.AUTHORITY;
import static org.oversight.domain.policy.PolicyLog.CAMERA;
import static org.oversight.domain.policy.PolicyLog.ENGINE;
import static org.oversight.domain.policy.PolicyLog.ENTRY;
import static org.oversight.domain.policy.PolicyLog.MATCH;
import static org.oversight.domain.policy.PolicyLog.OFFICER;
import static org.oversight.domain.policy.PolicyLog.entry;
import static org.oversight.domain.policy.PolicyLog.policy;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.A;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.B;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.CLOSE_TIME;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.EPOCH;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.RETAIN_UNTIL;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.disclosure;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.filler;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.opened;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.ref;
import static org.oversight.domain.policy.RuleBookSealedRecordsTest.sealed;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.RetrospectiveSearchAuthorized;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.WatchlistEntryWithdrawn;

/**
 * R4 (a)–(e) and the search clauses of R5 (c)–(e) (docs/rules.md), one test per finding on the
 * {@link RuleBook} fed signed events, each failing without its rule, plus honest logs that pass.
 *
 * <p>The base log is {@link RuleBookSealedRecordsTest}'s (leaves 0–5: policy, entry, epoch
 * {@value RuleBookSealedRecordsTest#EPOCH} opened, sealed detections A at 3 and B at 4, a match on
 * A at 5), its policy with {@code searchAuthorisationMs} one hour; a search {@value #SEARCH} of the
 * whole epoch's hour requested at leaf 6 (09:40) and performed at leaf 7 (09:41, deadline 10:41)
 * with one hit, B.
 */
class RuleBookSearchTest {
    static final String SEARCH = "s-1";
    static final String MODEL = EventFixtures.faceDetected().modelId();
    static final long HOUR = 3_600_000L;

    static RecognitionPolicySet policyWithWindow(long ms) {
        return policy(5200, 9216, 2).withRetention(new RetentionTerms(183, 30, 60_000).withSearchAuthorisationMs(ms));
    }

    static RetrospectiveSearchRequested request(String id, String entryId, String from, String until) {
        return new RetrospectiveSearchRequested(id, entryId, time(from), time(until), "INC-" + id, "newly listed");
    }

    static RetrospectiveSearchRequested request(String id) {
        return request(id, ENTRY, "2026-11-27T09:00:00.000Z", "2026-11-27T10:00:00.000Z");
    }

    static RetrospectiveSearchPerformed performed(PolicyLog log, String id, long searched, long threshold,
            long... hitLeavesAndScores) {
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < hitLeavesAndScores.length; i += 2) {
            hits.add(new SearchHit(ref(log, hitLeavesAndScores[i]), hitLeavesAndScores[i + 1]));
        }
        return new RetrospectiveSearchPerformed(id, searched, hits, threshold, MODEL, "oversight-engine/0.1.0");
    }

    /** The base log with {@code policy} at leaf 0. */
    static PolicyLog base(RecognitionPolicySet policy) {
        PolicyLog log = new PolicyLog(new RuleBook());
        log.add(policy, AUTHORITY);
        log.add(entry(ENTRY, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"), OFFICER);
        log.addAt("2026-11-27T08:55:00.000Z", opened(EPOCH), AUTHORITY);
        log.addAt("2026-11-27T09:30:00.100Z", sealed("2026-11-27T09:30:00.040Z", EPOCH), CAMERA);
        log.addAt("2026-11-27T09:31:00.100Z", sealed("2026-11-27T09:31:00.040Z", EPOCH), CAMERA);
        log.addAt("2026-11-27T09:32:00.000Z", log.match(MATCH, A, ENTRY, 5200, 5200), ENGINE);
        return log;
    }

    /** The base log (one-hour window) and the search: requested at 6, performed at 7 with hit B. */
    static PolicyLog searched() {
        PolicyLog log = base(policyWithWindow(HOUR));
        log.addAt("2026-11-27T09:40:00.000Z", request(SEARCH), OFFICER);
        log.addAt("2026-11-27T09:41:00.000Z", performed(log, SEARCH, 2, 5200, B, 4000), ENGINE);
        return log;
    }

    static KeptRecord kept(PolicyLog log, long leaf, KeepReason reason, String caseRef) {
        return new KeptRecord(caseRef, ref(log, leaf), reason, time(RETAIN_UNTIL));
    }

    /** A close at {@link RuleBookSealedRecordsTest#CLOSE_TIME} keeping A for its match and B for the search. */
    static ErasureEpochClosed closeKeepingBoth(PolicyLog log) {
        return new ErasureEpochClosed(EPOCH, List.of(kept(log, A, KeepReason.MATCH, "case-2026-77"),
                kept(log, B, KeepReason.RETROSPECTIVE_SEARCH, "INC-" + SEARCH)), 0);
    }

    /** The R4 findings of {@code violations} (where the base epoch, left open past its eraseBy, adds R5(b)'s). */
    private static List<RuleViolation> r4(List<RuleViolation> violations) {
        return violations.stream().filter(v -> v.rule() == PolicyRule.R4).toList();
    }

    private static RuleViolation only(List<RuleViolation> violations, PolicyRule rule, long leaf) {
        assertThat(violations).as("violations").singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(rule);
            assertThat(v.leafIndex()).isEqualTo(leaf);
            assertThat(v.eventId()).isEqualTo("ev-" + leaf);
        });
        return violations.get(0);
    }

    @Test
    void aSearchAuthorisedInTimeAndItsHitKeptPassesEveryRule() {
        PolicyLog log = searched();
        log.addAt("2026-11-27T10:00:00.000Z", new RetrospectiveSearchAuthorized(SEARCH, "order 1"), AUTHORITY);
        log.addAt(CLOSE_TIME, closeKeepingBoth(log), ENGINE);
        log.addAt("2026-11-28T10:00:00.000Z", disclosure("d-1", DisclosurePurpose.EVIDENCE_BUNDLE, ref(log, B)),
                OFFICER);
        log.addAt("2026-11-29T10:00:00.000Z", filler(), CAMERA);
        assertThat(log.violations).isEmpty();
        assertThat(log.book.searchesRequested()).isEqualTo(1);
        assertThat(log.book.searchesPerformed()).isEqualTo(1);
        assertThat(log.book.searchesAuthorized()).isEqualTo(1);
        assertThat(log.book.searchesDestroyed()).isZero();
    }

    @Test
    void aSearchDestroyedInTimeAfterItsKeptHitWasDestroyedPasses() {
        PolicyLog log = searched();
        log.addAt(CLOSE_TIME, closeKeepingBoth(log), ENGINE);
        log.addAt("2026-11-27T10:35:00.000Z", new KeptRecordsDestroyed(EPOCH, List.of(ref(log, B)), "search lapsed"),
                ENGINE);
        log.addAt("2026-11-27T10:36:00.000Z", new RetrospectiveSearchDestroyed(SEARCH, "not authorised"), ENGINE);
        log.addAt("2026-11-30T00:00:00.000Z", filler(), CAMERA);
        assertThat(log.violations).isEmpty();
        assertThat(log.book.searchesDestroyed()).isEqualTo(1);
    }

    @Test
    void withoutTheOptionalMemberTheWindowIs48Hours() {
        PolicyLog log = base(RuleBookSealedRecordsTest.policyV2(30));
        log.addAt("2026-11-27T09:40:00.000Z", request(SEARCH), OFFICER);
        log.addAt("2026-11-27T09:41:00.000Z", performed(log, SEARCH, 2, 5200, B, 4000), ENGINE);
        assertThat(r4(log.addAt("2026-11-29T09:40:59.999Z", filler(), CAMERA))).isEmpty();
        RuleViolation f = only(r4(log.addAt("2026-11-29T09:41:00.000Z", filler(), CAMERA)), PolicyRule.R4, 9);
        assertThat(f.expected()).contains("deadline 2026-11-29T09:41:00.000Z").contains("policy at leaf 0: 172800000 ms");
    }

    @Test
    void anExcerptJudgesOnlyWhatItsEventsProve() {
        PolicyLog log = new PolicyLog(RuleBook.excerpt());
        log.add(policyWithWindow(HOUR), AUTHORITY);
        log.addAt("2026-11-27T09:40:00.000Z", request(SEARCH, "wl-not-carried", "2026-11-27T09:00:00.000Z",
                "2026-11-27T10:00:00.000Z"), OFFICER);
        // A hit on a detection the excerpt does not carry (leaf 0 holds the policy here).
        RetrospectiveSearchPerformed p = new RetrospectiveSearchPerformed(SEARCH, 7, List.of(new SearchHit(
                new org.oversight.domain.event.DetectionRef(log.event(0).eventHash(), 0), 1)), 5200, MODEL,
                "oversight-engine/0.1.0");
        // The entry, the hit's detection and S are not carried; the deadline needs every later event.
        assertThat(log.addAt("2026-11-27T09:41:00.000Z", p, ENGINE)).isEmpty();
        assertThat(log.book.searchScopeAt(2)).isEmpty();
        assertThat(log.addAt("2026-11-27T12:00:00.000Z", filler(), CAMERA)).isEmpty();
        assertThat(log.violations).isEmpty();
        PolicyLog whole = new PolicyLog();
        whole.add(policyWithWindow(HOUR), AUTHORITY);
        whole.addAt("2026-11-27T09:40:00.000Z", request(SEARCH, "wl-not-carried", "2026-11-27T09:00:00.000Z",
                "2026-11-27T10:00:00.000Z"), OFFICER);
        whole.addAt("2026-11-27T09:41:00.000Z", p, ENGINE);
        whole.addAt("2026-11-27T12:00:00.000Z", filler(), CAMERA);
        assertThat(whole.violations).extracting(RuleViolation::leafIndex).containsExactly(1L, 2L, 2L, 3L);
    }

    @Nested
    class R4aEntryAuthorised {
        @Test
        void aRequestForAnUnauthorisedEntryIsAViolation() {
            PolicyLog log = base(policyWithWindow(HOUR));
            RuleViolation f = only(log.addAt("2026-11-27T09:40:00.000Z", request(SEARCH, "wl-none",
                    "2026-11-27T09:00:00.000Z", "2026-11-27T10:00:00.000Z"), OFFICER), PolicyRule.R4, 6);
            assertThat(f.found()).isEqualTo("no authorisation of entry wl-none");
        }

        @Test
        void aRequestForAWithdrawnEntryIsAViolation() {
            PolicyLog log = base(policyWithWindow(HOUR));
            log.addAt("2026-11-27T09:35:00.000Z", new WatchlistEntryWithdrawn(ENTRY, "located"), OFFICER);
            RuleViolation f = only(log.addAt("2026-11-27T09:40:00.000Z", request(SEARCH), OFFICER), PolicyRule.R4, 7);
            assertThat(f.found()).isEqualTo("entry " + ENTRY + " withdrawn at leaf 6");
        }

        @Test
        void aRequestOutsideTheEntrysValidityIsAViolation() {
            PolicyLog log = base(policyWithWindow(HOUR));
            RuleViolation f = only(r4(log.addAt("2026-12-01T00:00:00.000Z", request(SEARCH), OFFICER)), PolicyRule.R4,
                    6);
            assertThat(f.found()).contains("is valid in [2026-11-01T00:00:00.000Z, 2026-12-01T00:00:00.000Z), not at"
                    + " 2026-12-01T00:00:00.000Z");
        }
    }

    @Nested
    class R4bResultsAsSearched {
        PolicyLog requested() {
            PolicyLog log = base(policyWithWindow(HOUR));
            log.addAt("2026-11-27T09:40:00.000Z", request(SEARCH), OFFICER);
            return log;
        }

        @Test
        void aThresholdOtherThanThePolicysIsAViolation() {
            PolicyLog log = requested();
            RuleViolation f = only(log.addAt("2026-11-27T09:41:00.000Z", performed(log, SEARCH, 2, 6000, B, 4000),
                    ENGINE), PolicyRule.R4, 7);
            assertThat(f.expected()).isEqualTo("threshold 5200 (policy at leaf 0) (R4(b))");
        }

        @Test
        void aSearchedCountOtherThanTheSearchableSetIsAViolation() {
            PolicyLog log = requested();
            RuleViolation f = only(log.addAt("2026-11-27T09:41:00.000Z", performed(log, SEARCH, 1, 5200, B, 4000),
                    ENGINE), PolicyRule.R4, 7);
            assertThat(f.expected()).startsWith("searched = |S| = 2");
            assertThat(f.found()).isEqualTo("searched 1");
        }

        @Test
        void aHitOutsideTheSearchWindowIsAViolation() {
            PolicyLog log = base(policyWithWindow(HOUR));
            log.addAt("2026-11-27T09:40:00.000Z", request(SEARCH, ENTRY, "2026-11-27T09:31:00.000Z",
                    "2026-11-27T10:00:00.000Z"), OFFICER);
            RuleViolation f = only(log.addAt("2026-11-27T09:41:00.000Z", performed(log, SEARCH, 1, 5200, A, 4000),
                    ENGINE), PolicyRule.R4, 7);
            assertThat(f.found()).isEqualTo("the detection at leaf 3 was captured at 2026-11-27T09:30:00.040Z, outside"
                    + " [2026-11-27T09:31:00.000Z, 2026-11-27T10:00:00.000Z)");
        }

        @Test
        void aHitScoreAboveTheThresholdIsAViolation() {
            PolicyLog log = requested();
            RuleViolation f = only(log.addAt("2026-11-27T09:41:00.000Z", performed(log, SEARCH, 2, 5200, B, 5201),
                    ENGINE), PolicyRule.R4, 7);
            assertThat(f.found()).isEqualTo("score 5201 for the detection at leaf 4");
        }

        @Test
        void aHitNamingNoDetectionIsAViolation() {
            PolicyLog log = requested();
            RetrospectiveSearchPerformed p = new RetrospectiveSearchPerformed(SEARCH, 2, List.of(new SearchHit(
                    new org.oversight.domain.event.DetectionRef(log.event(5).eventHash(), 5), 1)), 5200, MODEL,
                    "oversight-engine/0.1.0");
            RuleViolation f = only(log.addAt("2026-11-27T09:41:00.000Z", p, ENGINE), PolicyRule.R4, 7);
            assertThat(f.found()).isEqualTo("no accepted FaceDetected at leaf 5");
        }

        @Test
        void aHitOnAnErasedRecordIsR5cNotR4() {
            PolicyLog log = base(policyWithWindow(HOUR));
            log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A, KeepReason.MATCH, "c")), 1),
                    ENGINE);
            log.addAt("2026-11-27T10:40:00.000Z", request(SEARCH), OFFICER);
            RuleViolation f = only(log.addAt("2026-11-27T10:41:00.000Z", performed(log, SEARCH, 1, 5200, B, 4000),
                    ENGINE), PolicyRule.R5, 8);
            assertThat(f.expected()).startsWith("no RetrospectiveSearchPerformed naming an erased record (R5(c))");
            assertThat(f.found()).isEqualTo("the detection at leaf 4 was erased by epoch " + EPOCH
                    + "'s close at leaf 6 (not kept)");
        }

        @Test
        void aKeptRecordIsSearchableAndAnErasedOneIsNot() {
            PolicyLog log = base(policyWithWindow(HOUR));
            log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A, KeepReason.MATCH, "c")), 1),
                    ENGINE);
            log.addAt("2026-11-27T10:40:00.000Z", request(SEARCH), OFFICER);
            assertThat(log.addAt("2026-11-27T10:41:00.000Z", performed(log, SEARCH, 1, 5200, A, 10), ENGINE)).isEmpty();
        }
    }

    @Nested
    class R4cAuthorisedInTime {
        @Test
        void aSearchNeitherAuthorisedNorDestroyedByItsDeadlineIsAViolationOnceAtTheFirstLaterEvent() {
            PolicyLog log = searched();
            assertThat(log.addAt("2026-11-27T10:40:59.999Z", filler(), CAMERA)).isEmpty();
            RuleViolation f = only(log.addAt("2026-11-27T10:41:00.000Z", filler(), CAMERA), PolicyRule.R4, 9);
            assertThat(f.found()).isEqualTo("search s-1 performed at leaf 7, neither authorised nor destroyed by its"
                    + " deadline 2026-11-27T10:41:00.000Z: this event is timed 2026-11-27T10:41:00.000Z");
            assertThat(r4(log.addAt("2026-11-27T12:00:00.000Z", filler(), CAMERA))).isEmpty();
        }

        @Test
        void aLateAuthorisationIsOneViolationAtIt() {
            PolicyLog log = searched();
            RuleViolation f = only(log.addAt("2026-11-27T10:41:00.000Z", new RetrospectiveSearchAuthorized(SEARCH,
                    "order 1"), AUTHORITY), PolicyRule.R4, 8);
            assertThat(f.found()).isEqualTo("authorised at 2026-11-27T10:41:00.000Z, not before the deadline"
                    + " 2026-11-27T10:41:00.000Z");
        }

        @Test
        void aLateDestructionIsAViolationAtIt() {
            PolicyLog log = searched();
            RuleViolation f = only(log.addAt("2026-11-27T10:42:00.000Z", new RetrospectiveSearchDestroyed(SEARCH,
                    "lapsed"), ENGINE), PolicyRule.R4, 8);
            assertThat(f.found()).isEqualTo("search s-1 destroyed by this event, timed 2026-11-27T10:42:00.000Z, not"
                    + " before its deadline");
        }
    }

    @Nested
    class R4dDestroyedCompletely {
        @Test
        void aSearchDestroyedWhileARecordKeptOnlyForItSurvivesIsAViolation() {
            PolicyLog log = searched();
            log.addAt(CLOSE_TIME, closeKeepingBoth(log), ENGINE);
            RuleViolation f = only(log.addAt("2026-11-27T10:36:00.000Z", new RetrospectiveSearchDestroyed(SEARCH,
                    "lapsed"), ENGINE), PolicyRule.R4, 9);
            assertThat(f.expected()).startsWith("the record of the detection at leaf 4, kept by epoch " + EPOCH
                    + "'s close at leaf 8 for reason retrospective-search");
        }

        @Test
        void aRecordAnotherLiveSearchStillNeedsMayStay() {
            PolicyLog log = searched();
            log.addAt("2026-11-27T09:42:00.000Z", request("s-2"), OFFICER);
            log.addAt("2026-11-27T09:43:00.000Z", performed(log, "s-2", 2, 5200, B, 4000), ENGINE);
            log.addAt("2026-11-27T09:50:00.000Z", new RetrospectiveSearchAuthorized("s-2", "order 2"), AUTHORITY);
            log.addAt(CLOSE_TIME, closeKeepingBoth(log), ENGINE);
            assertThat(log.addAt("2026-11-27T10:36:00.000Z", new RetrospectiveSearchDestroyed(SEARCH, "lapsed"),
                    ENGINE)).isEmpty();
        }
    }

    @Nested
    class R4eNotUsedAfterDestruction {
        @Test
        void disclosingAHitOfADestroyedSearchIsAViolation() {
            PolicyLog log = searched();
            log.addAt("2026-11-27T10:00:00.000Z", new RetrospectiveSearchDestroyed(SEARCH, "withdrawn"), ENGINE);
            RuleViolation f = only(log.addAt("2026-11-27T10:05:00.000Z", disclosure("d-1",
                    DisclosurePurpose.EVIDENCE_BUNDLE, ref(log, B)), OFFICER), PolicyRule.R4, 9);
            assertThat(f.found()).isEqualTo("the detection at leaf 4 is a hit of search s-1, destroyed at leaf 8, and"
                    + " no MatchProposed before this disclosure names it");
        }

        @Test
        void aHitAMatchAlsoNamesMayBeDisclosed() {
            PolicyLog log = base(policyWithWindow(HOUR));
            log.addAt("2026-11-27T09:40:00.000Z", request(SEARCH), OFFICER);
            log.addAt("2026-11-27T09:41:00.000Z", performed(log, SEARCH, 2, 5200, A, 4000), ENGINE);
            log.addAt("2026-11-27T10:00:00.000Z", new RetrospectiveSearchDestroyed(SEARCH, "withdrawn"), ENGINE);
            assertThat(log.addAt("2026-11-27T10:05:00.000Z", disclosure("d-1", DisclosurePurpose.EVIDENCE_BUNDLE,
                    ref(log, A)), OFFICER)).isEmpty();
        }
    }

    @Nested
    class R5SearchClauses {
        @Test
        void keepingForADestroyedSearchIsKeepingWithoutAReason() {
            PolicyLog log = searched();
            log.addAt("2026-11-27T10:00:00.000Z", new RetrospectiveSearchDestroyed(SEARCH, "withdrawn"), ENGINE);
            RuleViolation f = only(log.addAt(CLOSE_TIME, closeKeepingBoth(log), ENGINE), PolicyRule.R5, 9);
            assertThat(f.expected()).contains("(R5(d))");
            assertThat(f.found()).startsWith("reason retrospective-search but no search performed before the close");
        }

        @Test
        void aLiveSearchsHitNotKeptIsAViolationAtTheClose() {
            PolicyLog log = searched();
            RuleViolation f = only(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A,
                    KeepReason.MATCH, "c")), 1), ENGINE), PolicyRule.R5, 8);
            assertThat(f.expected()).isEqualTo("the detection at leaf 4 kept: search s-1 performed before the close"
                    + " lists it as a hit and was not destroyed before it (R5(e))");
        }

        @Test
        void aDestroyedSearchsHitMayBeErased() {
            PolicyLog log = searched();
            log.addAt("2026-11-27T10:00:00.000Z", new RetrospectiveSearchDestroyed(SEARCH, "withdrawn"), ENGINE);
            assertThat(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A, KeepReason.MATCH,
                    "c")), 1), ENGINE)).isEmpty();
        }
    }
}
