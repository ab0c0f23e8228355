package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.domain.event.EventFixtures.time;
import static org.oversight.domain.policy.PolicyLog.AUTHORITY;
import static org.oversight.domain.policy.PolicyLog.CAMERA;
import static org.oversight.domain.policy.PolicyLog.ENGINE;
import static org.oversight.domain.policy.PolicyLog.ENTRY;
import static org.oversight.domain.policy.PolicyLog.MATCH;
import static org.oversight.domain.policy.PolicyLog.OFFICER;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_1;
import static org.oversight.domain.policy.PolicyLog.entry;
import static org.oversight.domain.policy.PolicyLog.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PrivateKey;
import org.oversight.domain.seal.X25519PublicKey;

/**
 * R5 (b)–(e), R8 and R-disclosure (docs/rules.md "Sealed records"), one test per clause and per
 * tamper case of issue #12 that is a rule matter, each on the {@link RuleBook} fed signed events.
 *
 * <p>The base log: a schema-2 policy (keptRetentionDays 30) at leaf 0, an entry at 1, epoch
 * {@value #EPOCH} opened at 2 (seals captures 09:00–10:00, eraseBy 11:00 on 27 November 2026), the
 * sealed detections A at leaf 3 and B at leaf 4, a match on A at leaf 5.
 */
class RuleBookSealedRecordsTest {
    static final String EPOCH = "ep-20261127-09";
    static final String CLOSE_TIME = "2026-11-27T10:30:00.000Z";
    /** The close's time + 30 days, the longest retention the base policy allows. */
    static final String RETAIN_UNTIL = "2026-12-27T10:30:00.000Z";
    static final long A = 3;
    static final long B = 4;
    private static final X25519PublicKey VAULT_KEY = vaultKey();

    private static X25519PublicKey vaultKey() {
        byte[] k = new byte[X25519PrivateKey.LENGTH];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i + 1);
        }
        return X25519PrivateKey.fromBytes(k).publicKey();
    }

    static RecognitionPolicySet policyV2(long keptRetentionDays) {
        return policy(5200, 9216, 2).withRetention(new RetentionTerms(183, keptRetentionDays, 60_000));
    }

    /** An event that only states a time: a schema-1 detection, signed by the camera. */
    static FaceDetected filler() {
        return PolicyLog.detectionAt("2026-11-27T08:00:00.000Z");
    }

    static ErasureEpochOpened opened(String epoch) {
        return new ErasureEpochOpened(epoch, time("2026-11-27T09:00:00.000Z"), time("2026-11-27T10:00:00.000Z"),
                time("2026-11-27T11:00:00.000Z"), List.of(new EpochRecipient.Vault("vault", VAULT_KEY)));
    }

    static SealedFaceDetected sealed(String captureTime, String epoch) {
        FaceDetected d = EventFixtures.faceDetected();
        return new SealedFaceDetected(d.camera(), time(captureTime), d.frameDigest(), d.faceBox(), d.modelId(),
                d.template().format(), d.quality(), new SealedRecordRef(EventFixtures.digestOf("blob " + captureTime),
                        EventFixtures.digestOf("commitment " + captureTime), epoch));
    }

    static KeptRecord kept(PolicyLog log, long leaf, KeepReason reason, String retainUntil) {
        return new KeptRecord("case-2026-77", ref(log, leaf), reason, time(retainUntil));
    }

    static DetectionRef ref(PolicyLog log, long leaf) {
        return new DetectionRef(log.event(leaf).eventHash(), leaf);
    }

    static RecordDisclosed disclosure(String id, DisclosurePurpose purpose, DetectionRef... records) {
        return new RecordDisclosed(id, List.of(records), purpose, "case-2026-77", "Court: HCMA 1234/2026");
    }

    /** The base log (leaves 0–5, see the class comment), fed to {@code book}. */
    static PolicyLog base(RuleBook book) {
        PolicyLog log = new PolicyLog(book);
        log.add(policyV2(30), AUTHORITY);
        log.add(entry(ENTRY, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"), OFFICER);
        log.addAt("2026-11-27T08:55:00.000Z", opened(EPOCH), AUTHORITY);
        log.addAt("2026-11-27T09:30:00.100Z", sealed("2026-11-27T09:30:00.040Z", EPOCH), CAMERA);
        log.addAt("2026-11-27T09:31:00.100Z", sealed("2026-11-27T09:31:00.040Z", EPOCH), CAMERA);
        log.addAt("2026-11-27T09:32:00.000Z", log.match(MATCH, A, ENTRY, 5200, 5200), ENGINE);
        return log;
    }

    static PolicyLog base() {
        return base(new RuleBook());
    }

    /** The base log and an honest close at leaf 6: A kept for its match until the policy's limit, B erased. */
    static PolicyLog closed() {
        PolicyLog log = base();
        log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A, KeepReason.MATCH, RETAIN_UNTIL)),
                1), ENGINE);
        return log;
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
    void anHonestSealedLifecycleHasNoViolation() {
        PolicyLog log = closed();
        log.addAt("2026-11-28T10:00:00.000Z", disclosure("d-1", DisclosurePurpose.EVIDENCE_BUNDLE, ref(log, A)),
                OFFICER);
        log.addAt("2026-12-01T10:00:00.000Z", new KeptRecordsDestroyed(EPOCH, List.of(ref(log, A)), "case closed"),
                ENGINE);
        log.addAt("2027-01-05T00:00:00.000Z", opened("ep-20270105-00"), AUTHORITY);
        assertThat(log.violations).isEmpty();
        assertThat(log.book.epochsOpened()).isEqualTo(2);
        assertThat(log.book.epochsClosed()).isEqualTo(1);
        assertThat(log.book.epochsOpen()).isEqualTo(1);
        assertThat(log.book.keptRecordsObserved()).isEqualTo(1);
        assertThat(log.book.destructionsObserved()).isEqualTo(1);
        assertThat(log.book.disclosuresObserved()).isEqualTo(1);
    }

    @Test
    void aSchema2DisclosureOfTheMatchedEntrysEnrolmentRecordIsAcceptedAndOfAnUnknownEntryIsAViolation() {
        PolicyLog log = closed();
        assertThat(log.addAt("2026-11-28T10:00:00.000Z", RecordDisclosed.withEntries("d-1", List.of(ref(log, A)),
                List.of(ENTRY), DisclosurePurpose.EVIDENCE_BUNDLE, "case-2026-77", "Court: HCMA 1234/2026"), OFFICER))
                .isEmpty();
        RuleViolation f = only(log.addAt("2026-11-28T10:01:00.000Z", RecordDisclosed.withEntries("d-2", List.of(),
                List.of("wl-never"), DisclosurePurpose.REVIEW, "review of " + MATCH, "reviewer-1"), REVIEWER_1),
                PolicyRule.R_DISCLOSURE, 8);
        assertThat(f.found()).isEqualTo("no accepted WatchlistEntryAuthorized of entry wl-never");
        assertThat(log.book.disclosuresObserved()).isEqualTo(2);
    }

    @Nested
    class R5UseAfterErasure {
        @Test
        void aMatchProposedAfterTheCloseOnADetectionNotKeptIsAViolation() {
            PolicyLog log = closed();
            List<RuleViolation> v = log.addAt("2026-11-27T10:31:00.000Z", log.match("m-000002", B, ENTRY, 5200, 5200),
                    ENGINE);
            RuleViolation f = only(v, PolicyRule.R5, 7);
            assertThat(f.expected()).startsWith("no MatchProposed naming an erased record (R5(c))");
            assertThat(f.found()).isEqualTo("the detection at leaf 4 was erased by epoch " + EPOCH
                    + "'s close at leaf 6 (not kept)");
        }

        @Test
        void aRecordDisclosedAfterTheCloseOnADetectionNotKeptIsAViolation() {
            PolicyLog log = closed();
            RuleViolation f = only(log.add(disclosure("d-1", DisclosurePurpose.AUDIT, ref(log, B)), AUTHORITY),
                    PolicyRule.R5, 7);
            assertThat(f.expected()).startsWith("no RecordDisclosed naming an erased record (R5(c))");
            assertThat(f.found()).contains("erased by epoch " + EPOCH + "'s close at leaf 6");
        }

        @Test
        void aRecordDisclosedAfterKeptRecordsDestroyedIsAViolation() {
            PolicyLog log = closed();
            log.addAt("2026-12-01T10:00:00.000Z", new KeptRecordsDestroyed(EPOCH, List.of(ref(log, A)),
                    "case closed"), ENGINE);
            RuleViolation f = only(log.addAt("2026-12-02T10:00:00.000Z", disclosure("d-1",
                    DisclosurePurpose.EVIDENCE_BUNDLE, ref(log, A)), OFFICER), PolicyRule.R5, 8);
            assertThat(f.found()).isEqualTo("the kept record of the detection at leaf 3 was destroyed by"
                    + " KeptRecordsDestroyed at leaf 7");
        }

        @Test
        void aMatchProposedAfterKeptRecordsDestroyedIsAViolation() {
            PolicyLog log = closed();
            log.addAt("2026-12-01T10:00:00.000Z", new KeptRecordsDestroyed(EPOCH, List.of(ref(log, A)),
                    "case closed"), ENGINE);
            List<RuleViolation> v = log.addAt("2026-12-01T10:01:00.000Z", log.match("m-000002", A, ENTRY, 5200,
                    5200), ENGINE);
            assertThat(v).filteredOn(x -> x.rule() == PolicyRule.R5).singleElement()
                    .satisfies(x -> assertThat(x.found()).contains("destroyed by KeptRecordsDestroyed at leaf 7"));
        }

        @Test
        void usesWhileTheEpochIsOpenAndOfKeptRecordsAreNotViolations() {
            PolicyLog log = base();
            assertThat(log.add(disclosure("d-1", DisclosurePurpose.REVIEW, ref(log, A), ref(log, B)), REVIEWER_1))
                    .isEmpty();
            log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A, KeepReason.MATCH,
                    RETAIN_UNTIL)), 1), ENGINE);
            assertThat(log.add(disclosure("d-2", DisclosurePurpose.REVIEW, ref(log, A)), REVIEWER_1)).isEmpty();
            assertThat(log.violations).isEmpty();
        }
    }

    @Nested
    class R5OnTime {
        @Test
        void aMissingErasureIsAViolationAtTheFirstEventTimedAtOrAfterEraseByAndOnlyThere() {
            PolicyLog log = base();
            assertThat(log.addAt("2026-11-27T10:59:59.999Z", filler(), CAMERA)).isEmpty();
            RuleViolation f = only(log.addAt("2026-11-27T11:00:00.000Z", filler(), CAMERA), PolicyRule.R5,
                    7);
            assertThat(f.expected()).isEqualTo("epoch " + EPOCH + " closed (ErasureEpochClosed) before any event"
                    + " timed at or after its eraseBy 2026-11-27T11:00:00.000Z (R5(b))");
            assertThat(f.found()).isEqualTo("epoch " + EPOCH + " opened at leaf 2 still open at this event, timed"
                    + " 2026-11-27T11:00:00.000Z: its biometric records were not erased on time");
            assertThat(log.addAt("2026-11-27T12:00:00.000Z", filler(), CAMERA)).as("reported once").isEmpty();
        }

        @Test
        void aLateCloseIsAViolationAtTheClose() {
            PolicyLog log = base();
            RuleViolation f = only(log.addAt("2026-11-27T11:00:00.000Z", new ErasureEpochClosed(EPOCH,
                    List.of(kept(log, A, KeepReason.MATCH, "2026-12-01T00:00:00.000Z")), 1), ENGINE), PolicyRule.R5, 6);
            assertThat(f.found()).isEqualTo("epoch " + EPOCH + " closed by this event, timed"
                    + " 2026-11-27T11:00:00.000Z, not before its eraseBy");
        }

        @Test
        void aCloseThatDoesNotAccountForEveryDetectionIsAViolation() {
            PolicyLog log = base();
            RuleViolation f = only(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A,
                    KeepReason.MATCH, RETAIN_UNTIL)), 0), ENGINE), PolicyRule.R5, 6);
            assertThat(f.expected()).isEqualTo("erased = 2 detections sealed to epoch " + EPOCH + " - 1 kept = 1"
                    + " (R5(b): every record of the epoch kept or erased)");
            assertThat(f.found()).isEqualTo("erased 0");
        }
    }

    @Nested
    class R5Kept {
        @Test
        void aKeptRecordWithoutAMatchIsAViolation() {
            PolicyLog log = base();
            RuleViolation f = only(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(
                    kept(log, A, KeepReason.MATCH, RETAIN_UNTIL), kept(log, B, KeepReason.MATCH, RETAIN_UNTIL)), 0),
                    ENGINE), PolicyRule.R5, 6);
            assertThat(f.expected()).isEqualTo("reason match, with a MatchProposed naming the detection at leaf 4"
                    + " before the close (R5(d))");
            assertThat(f.found()).isEqualTo("reason match but no MatchProposed names the detection at leaf 4 before"
                    + " the close: kept without a reason");
        }

        @Test
        void aKeptRecordForARetrospectiveSearchWithoutASearchIsAViolation() {
            PolicyLog log = base();
            RuleViolation f = only(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(
                    kept(log, A, KeepReason.MATCH, RETAIN_UNTIL),
                    kept(log, B, KeepReason.RETROSPECTIVE_SEARCH, RETAIN_UNTIL)), 0), ENGINE), PolicyRule.R5, 6);
            assertThat(f.found()).isEqualTo("reason retrospective-search but no search performed before the close and"
                    + " not destroyed before it lists the detection at leaf 4: kept without a reason");
        }

        @Test
        void aKeptRecordNamingNoDetectionOfTheEpochIsAViolation() {
            PolicyLog log = base();
            log.addAt("2026-11-27T09:33:00.000Z", opened("ep-other"), AUTHORITY);
            log.addAt("2026-11-27T09:34:00.000Z", sealed("2026-11-27T09:34:00.000Z", "ep-other"), CAMERA);
            log.addAt("2026-11-27T09:35:00.000Z", log.match("m-000002", 7, ENTRY, 5200, 5200), ENGINE);
            List<RuleViolation> v = log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(
                    kept(log, A, KeepReason.MATCH, RETAIN_UNTIL), kept(log, 7, KeepReason.MATCH, RETAIN_UNTIL)), 0),
                    ENGINE);
            assertThat(v).extracting(RuleViolation::found).contains("the detection at leaf 7 is sealed to epoch"
                    + " ep-other");
            assertThat(v).allSatisfy(x -> assertThat(x.rule()).isEqualTo(PolicyRule.R5));
        }

        @Test
        void aMatchRecordNotKeptIsAViolation() {
            PolicyLog log = base();
            RuleViolation f = only(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(), 2), ENGINE),
                    PolicyRule.R5, 6);
            assertThat(f.expected()).isEqualTo("the detection at leaf 3 kept: the MatchProposed at leaf 5 names it"
                    + " (R5(e))");
            assertThat(f.found()).isEqualTo("not kept: its record is erased, and with it the evidence of the match");
        }
    }

    @Nested
    class R8 {
        @Test
        void aKeptRecordNotDestroyedByItsRetainUntilIsAViolationAtTheFirstLaterEvent() {
            PolicyLog log = closed();
            assertThat(log.addAt("2026-12-27T10:29:59.999Z", filler(), CAMERA)).isEmpty();
            RuleViolation f = only(log.addAt(RETAIN_UNTIL, filler(), CAMERA), PolicyRule.R8, 8);
            assertThat(f.expected()).isEqualTo("the record of the detection at leaf 3 (kept by epoch " + EPOCH
                    + "'s close at leaf 6) destroyed (KeptRecordsDestroyed) before any event timed at or after its"
                    + " retainUntil " + RETAIN_UNTIL);
            assertThat(f.found()).isEqualTo("still kept at this event, timed " + RETAIN_UNTIL);
        }

        @Test
        void aDestructionTimedAtOrAfterRetainUntilIsLate() {
            PolicyLog log = closed();
            RuleViolation f = only(log.addAt(RETAIN_UNTIL, new KeptRecordsDestroyed(EPOCH, List.of(ref(log, A)),
                    "retention"), ENGINE), PolicyRule.R8, 7);
            assertThat(f.found()).isEqualTo("destroyed by this event, timed " + RETAIN_UNTIL
                    + ", not before its retainUntil");
        }

        @Test
        void aRetainUntilBeyondThePolicysKeptRetentionIsAViolationAtTheClose() {
            PolicyLog log = base();
            RuleViolation f = only(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A,
                    KeepReason.MATCH, "2026-12-27T10:30:00.001Z")), 1), ENGINE), PolicyRule.R8, 6);
            assertThat(f.expected()).isEqualTo("retainUntil <= " + RETAIN_UNTIL + " (policy at leaf 0:"
                    + " keptRetentionDays 30 after the close's time " + CLOSE_TIME + ")");
            assertThat(f.found()).isEqualTo("retainUntil 2026-12-27T10:30:00.001Z for the record of the detection"
                    + " at leaf 3");
        }

        @Test
        void recordsKeptUnderASchema1PolicyHaveNoBoundAndAreAViolation() {
            PolicyLog log = base();
            log.add(policy(5200, 9216, 2), AUTHORITY);
            RuleViolation f = only(log.addAt(CLOSE_TIME, new ErasureEpochClosed(EPOCH, List.of(kept(log, A,
                    KeepReason.MATCH, RETAIN_UNTIL)), 1), ENGINE), PolicyRule.R8, 7);
            assertThat(f.found()).isEqualTo("the policy at leaf 6 is schema 1 (no keptRetentionDays); 1 records kept"
                    + " without a retention bound");
        }

        @Test
        void aDestructionOfARecordNotKeptOrAlreadyDestroyedIsAViolation() {
            PolicyLog log = closed();
            RuleViolation f = only(log.addAt("2026-12-01T10:00:00.000Z", new KeptRecordsDestroyed(EPOCH,
                    List.of(ref(log, B)), "case closed"), ENGINE), PolicyRule.R8, 7);
            assertThat(f.found()).contains("the detection at leaf 4").endsWith("is not among its kept records");
            log.addAt("2026-12-01T10:01:00.000Z", new KeptRecordsDestroyed(EPOCH, List.of(ref(log, A)), "closed"),
                    ENGINE);
            RuleViolation again = only(log.addAt("2026-12-01T10:02:00.000Z", new KeptRecordsDestroyed(EPOCH,
                    List.of(ref(log, A)), "closed"), ENGINE), PolicyRule.R8, 9);
            assertThat(again.found()).isEqualTo("the record of the detection at leaf 3 was already destroyed at"
                    + " leaf 8");
        }

        /**
         * "logRetentionDays >= 183" cannot be broken by an accepted event: the parser refuses the
         * policy (so the replay rejects it as a malformed leaf and it is never in force). This
         * pins that, since the rule book relies on it and has no check of its own that could fail.
         */
        @Test
        void aPolicyKeepingLeavesLessThanSixMonthsIsNotAWellFormedPolicy() {
            JsonObject v2 = policyV2(30).toJson();
            JsonObject.Builder b = JsonObject.builder();
            v2.forEach((k, val) -> b.put(k, k.equals("logRetentionDays") ? JsonNumber.of(182) : val));
            assertThatThrownBy(() -> RecognitionPolicySet.fromJsonV2(b.build()))
                    .isInstanceOf(InvalidEventException.class).hasMessageContaining("logRetentionDays")
                    .hasMessageContaining("182");
        }
    }

    @Nested
    class RDisclosure {
        @Test
        void aDisclosureByARoleThePurposeDoesNotAllowIsAViolation() {
            PolicyLog log = base();
            RuleViolation f = only(log.add(disclosure("d-1", DisclosurePurpose.AUDIT, ref(log, A)), REVIEWER_1),
                    PolicyRule.R_DISCLOSURE, 6);
            assertThat(f.expected()).isEqualTo("purpose audit disclosed by a signer of role authority");
            assertThat(f.found()).isEqualTo("signed by reviewer reviewer-1");
            RuleViolation g = only(log.add(disclosure("d-2", DisclosurePurpose.REVIEW, ref(log, A)), OFFICER),
                    PolicyRule.R_DISCLOSURE, 7);
            assertThat(g.expected()).isEqualTo("purpose review disclosed by a signer of role reviewer");
            assertThat(log.add(disclosure("d-3", DisclosurePurpose.EVIDENCE_BUNDLE, ref(log, A)), AUTHORITY))
                    .isEmpty();
        }

        @Test
        void aDisclosureNamingNoSealedDetectionIsAViolation() {
            PolicyLog log = base();
            log.add(PolicyLog.detectionAt("2026-11-27T09:40:00.000Z"), CAMERA);
            RuleViolation f = only(log.add(disclosure("d-1", DisclosurePurpose.AUDIT, ref(log, 6)), AUTHORITY),
                    PolicyRule.R_DISCLOSURE, 7);
            assertThat(f.found()).isEqualTo("the FaceDetected at leaf 6 is schema 1: it has no sealed record");
            RuleViolation g = only(log.add(disclosure("d-2", DisclosurePurpose.AUDIT, new DetectionRef(
                    log.event(A).eventHash(), 5)), AUTHORITY), PolicyRule.R_DISCLOSURE, 8);
            assertThat(g.found()).isEqualTo("no accepted FaceDetected at leaf 5");
        }
    }

    /**
     * The ledger's way to the same rule: {@link DisclosureRules#check} over a view of the stored
     * events before the disclosure gives exactly the violations the rule book reports for it.
     */
    @Test
    void theLedgersViewOverStoredEventsJudgesADisclosureAsTheRuleBookDoes() {
        PolicyLog log = closed();
        log.addAt("2026-12-01T10:00:00.000Z", new KeptRecordsDestroyed(EPOCH, List.of(ref(log, A)), "case closed"),
                ENGINE);
        log.add(PolicyLog.detectionAt("2026-11-27T09:40:00.000Z"), CAMERA);
        RecordDisclosed d = RecordDisclosed.withEntries("d-1", List.of(ref(log, A), ref(log, B), ref(log, 8)),
                List.of(ENTRY, "wl-never"), DisclosurePurpose.AUDIT, "case-2026-77", "Court: HCMA 1234/2026");
        long leaf = log.size();
        DisclosureRules.LogView stored = DisclosureRules.viewOver(
                i -> i < leaf ? Optional.of(log.event(i)) : Optional.empty(),
                epoch -> streamBefore(log, leaf, StreamId.epoch(epoch)),
                entry -> streamBefore(log, leaf, StreamId.watchlist(entry)));
        List<RuleViolation> atIngest = DisclosureRules.check(d, leaf, "ev-" + leaf, REVIEWER_1, stored, true);
        List<RuleViolation> inAudit = log.add(d, REVIEWER_1);
        assertThat(atIngest).hasSize(5).isEqualTo(inAudit);
        assertThat(atIngest).extracting(RuleViolation::rule).containsExactly(PolicyRule.R_DISCLOSURE, PolicyRule.R5,
                PolicyRule.R5, PolicyRule.R_DISCLOSURE, PolicyRule.R_DISCLOSURE);
        assertThat(atIngest.get(4).found()).isEqualTo("no accepted WatchlistEntryAuthorized of entry wl-never");
    }

    private static List<IndexedEvent> streamBefore(PolicyLog log, long leaf, StreamId id) {
        List<IndexedEvent> stream = new ArrayList<>();
        for (long i = 0; i < leaf; i++) {
            if (log.event(i).stream().equals(id)) {
                stream.add(new IndexedEvent(i, log.event(i)));
            }
        }
        return stream;
    }

    @Nested
    class Excerpt {
        @Test
        void anExcerptDoesNotJudgeDeadlinesButJudgesUseAfterErasure() {
            PolicyLog log = base(RuleBook.excerpt());
            assertThat(log.addAt("2026-11-27T12:00:00.000Z", new ErasureEpochClosed(EPOCH, List.of(kept(log, A,
                    KeepReason.MATCH, RETAIN_UNTIL)), 0), ENGINE)).as("late and miscounted: not judged").isEmpty();
            only(log.addAt("2026-11-27T12:01:00.000Z", disclosure("d-1", DisclosurePurpose.AUDIT, ref(log, B)),
                    AUTHORITY), PolicyRule.R5, 7);
            assertThat(log.addAt("2027-06-01T00:00:00.000Z", filler(), CAMERA)).as("retention deadline")
                    .isEmpty();
        }
    }

    @Test
    void schema1DetectionsHaveNoSealedRecordToJudge() {
        PolicyLog log = closed();
        log.add(PolicyLog.detectionAt("2026-11-27T09:30:00.040Z"), CAMERA);
        assertThat(log.addAt("2026-11-27T10:35:00.000Z", log.match("m-000002", 7, ENTRY, 5200, 5200), ENGINE))
                .isEmpty();
    }
}
