package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.export.CheckpointArchive;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.report.ErasedDecision;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.TextReportWriter;
import org.oversight.verifier.report.VerificationReport;

/**
 * Decisions over erased records name the witnesses that re-derived them before the erasure
 * (docs/rules.md, "Decisions over erased records"): over {@link SealedLog} whose close keeps
 * nothing — detection A at leaf 9 with its match at leaf 10, detection B at leaf 14 with no match,
 * the close at leaf 15 — a named witness counts iff it was a recipient of the epoch and cosigned an
 * archived checkpoint of size n with d < n ≤ 15.
 */
class ErasedDecisionWitnessesTest {
    private static final Ed25519NoteSigner LOG = TestLog.logKey(TestLog.LOG_SEED);
    /** The epoch's witness recipient (EventFixtures.erasureEpochOpened names its key). */
    private static final Ed25519Cosigner RECIPIENT = cosigner(EventFixtures.WITNESS_KEY_NAME,
            EventFixtures.witnessKey());
    /** A witness the auditor names that the epoch did not name as a recipient. */
    private static final Ed25519Cosigner OUTSIDER = cosigner("witness.example/outsider", seed(7));
    private static final long T = 1_796_558_400L;

    private final SealedLog log = new SealedLog(false);
    private final int closeLeaf = log.leaves().size() - 2;
    private final int leafB = closeLeaf - 1;

    private static Ed25519PrivateKey seed(int n) {
        byte[] s = new byte[32];
        s[3] = (byte) n;
        try {
            return Ed25519PrivateKey.fromSeed(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Ed25519Cosigner cosigner(String name, Ed25519PrivateKey key) {
        try {
            return Ed25519Cosigner.of(name, key);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private SignedCheckpoint cosigned(int size, Ed25519Cosigner... by) {
        SignedCheckpoint c = TestLog.checkpoint(log.leaves().subList(0, size), LOG);
        List<Cosignature> lines = new ArrayList<>();
        for (Ed25519Cosigner w : by) {
            lines.add(w.cosign(c.note().textBytes(), T + size));
        }
        try {
            return c.withCosignatures(lines);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Audits the whole log, its checkpoint cosigned by both, with an archive of {@code archived}. */
    private VerificationReport audit(SignedCheckpoint... archived) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckpointArchive.Writer w = new CheckpointArchive.Writer(bytes);
        for (SignedCheckpoint c : archived) {
            w.write(c);
        }
        SignedCheckpoint head = cosigned(log.leaves().size(), RECIPIENT, OUTSIDER);
        LogAuditor auditor = new LogAuditor(LOG.verifier(), TestLog.ORIGIN, AuditOptions.defaults()
                .requiringWitnesses(WitnessQuorum.of(List.of(RECIPIENT.verifier(), OUTSIDER.verifier()), 1)));
        return auditor.audit(new ByteArrayInputStream(TestLog.export(log.leaves(), head)),
                Optional.of(new CheckpointArchive.Reader(new ByteArrayInputStream(bytes.toByteArray()))),
                Optional.empty(), AuditProgress.NONE).report();
    }

    @Test
    void theLayoutIsTheOneTheTestsAssume() {
        assertThat(log.leafA).isEqualTo(9);
        assertThat(log.proposalLeaf).isEqualTo(10);
        assertThat(leafB).isEqualTo(14);
        assertThat(closeLeaf).isEqualTo(15);
    }

    @Test
    void aRecipientThatCosignedBeforeTheCloseIsNamedForTheMatchAndTheNoMatchAnOutsiderIsNot() throws Exception {
        VerificationReport r = audit(cosigned(15, RECIPIENT, OUTSIDER));
        String recipient = RECIPIENT.verifier().keyLabel();
        assertThat(r.erasedDecisions()).extracting(ErasedDecision::leafIndex).containsExactly(10L, 14L);
        assertThat(r.erasedDecisions()).allSatisfy(e -> {
            assertThat(e.witnesses()).containsExactly(recipient);
            assertThat(e.closeLeaf()).isEqualTo(15);
            assertThat(e.epoch()).isEqualTo(EventFixtures.EPOCH);
        });
        ErasedDecision match = r.erasedDecisions().get(0);
        assertThat(match.detectionLeaf()).isEqualTo(9);
        assertThat(match.decision()).startsWith("match m-").contains("at leaf 9");
        ErasedDecision noMatch = r.erasedDecisions().get(1);
        assertThat(noMatch.eventId()).isEqualTo("ev-14");
        assertThat(noMatch.decision()).isEqualTo("no match: no MatchProposed names the detection "
                + log.detectionB.eventHash().hex() + " at leaf 14");
        assertThat(r.erasedDecisionsByNobody()).isZero();
        assertThat(r.facts().get("decisions over erased records")).startsWith("2 decisions (1 MatchProposed, 1 no"
                + " match): re-derived before their erasure by " + recipient + " 2, "
                + OUTSIDER.verifier().keyLabel() + " 0; 0 re-derived by nobody");
        assertThat(TextReportWriter.render(r)).contains("ERASED at leaf 14 (event ev-14): no match: no MatchProposed"
                + " names the detection " + log.detectionB.eventHash().hex() + " at leaf 14; epoch "
                + EventFixtures.EPOCH + " closed at leaf 15; re-derived before its erasure by " + recipient + "\n");
        assertThat(JsonReportWriter.render(r)).contains("\"erasedDecisionCounts\":{\"byNobody\":0,\"total\":2}")
                .contains("\"detectionLeaf\":14,\"epoch\":\"" + EventFixtures.EPOCH + "\",\"eventId\":\"ev-14\","
                        + "\"leaf\":14,\"witnesses\":[\"" + recipient + "\"]");
        assertThat(HtmlReportWriter.render(r)).contains("Decisions over erased records (2: 0 re-derived by nobody"
                + " before the erasure)");
    }

    @Test
    void withoutACheckpointBetweenTheDetectionAndTheCloseNobodyIsNamedAndTheReportSaysSo() throws Exception {
        // Size 9 does not contain leaf 9; size 16 contains the close at leaf 15; the outsider is no recipient.
        VerificationReport r = audit(cosigned(9, RECIPIENT), cosigned(12, OUTSIDER), cosigned(16, RECIPIENT, OUTSIDER));
        assertThat(r.erasedDecisions()).hasSize(2).allSatisfy(e -> assertThat(e.witnesses()).isEmpty());
        assertThat(r.erasedDecisionsByNobody()).isEqualTo(2);
        assertThat(TextReportWriter.render(r)).contains("ERASED at leaf 10 (event ev-10): match m-")
                .contains("; re-derived by nobody before its erasure (no named witness that was a recipient of epoch "
                        + EventFixtures.EPOCH + " cosigned a checkpoint of size 10 to 15)\n");
        assertThat(r.facts().get("decisions over erased records")).contains("; 2 re-derived by nobody");
        assertThat(r.passed()).as("not a violation in itself; R5(e) is: the close kept the match")
                .isFalse();
        assertThat(r.findings()).noneMatch(f -> f.found().contains("re-derived"));
    }

    @Test
    void eachDecisionHasItsOwnWindowAndACheckpointShortOfTheQuorumStillCounts() throws Exception {
        // Size 12 contains A (leaf 9) but not B (leaf 14); cosigned by the recipient alone.
        VerificationReport r = audit(cosigned(12, RECIPIENT), cosigned(17, RECIPIENT, OUTSIDER));
        assertThat(r.erasedDecisions()).extracting(ErasedDecision::witnesses)
                .containsExactly(List.of(RECIPIENT.verifier().keyLabel()), List.of());
    }

    @Test
    void withoutTheArchiveTheDecisionsAreCountedAndTheFactSaysWhatWouldNameTheWitnesses() throws Exception {
        VerificationReport r = new LogAuditor(LOG.verifier(), TestLog.ORIGIN, AuditOptions.defaults())
                .audit(new ByteArrayInputStream(TestLog.export(log.leaves(), LOG)), Optional.empty(), AuditProgress.NONE)
                .report();
        assertThat(r.erasedDecisions()).isEmpty();
        assertThat(r.facts().get("decisions over erased records")).isEqualTo("2 decisions (1 MatchProposed, 1 no match):"
                + " the witnesses that re-derived them before the erasure are named only with --witness and"
                + " --checkpoints");
    }

    @Test
    void aKeptRecordIsNotErasedSoNoDecisionIsListed() throws Exception {
        SealedLog kept = new SealedLog(true);
        VerificationReport r = new LogAuditor(LOG.verifier(), TestLog.ORIGIN, AuditOptions.defaults())
                .audit(new ByteArrayInputStream(TestLog.export(kept.leaves(), LOG)), Optional.empty(), AuditProgress.NONE)
                .report();
        // A's record was kept (withheld from this auditor); B's was erased by the close: a no-match decision.
        assertThat(r.facts().get("decisions over erased records")).startsWith("1 decision (0 MatchProposed, 1 no match)");
    }
}
