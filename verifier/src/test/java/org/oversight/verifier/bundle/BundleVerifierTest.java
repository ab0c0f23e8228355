package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bundle.BundleLeaf;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/** A real bundle verifies; each kind of tampering is caught by the rule it breaks. */
class BundleVerifierTest {
    private static List<Rule> rules(VerificationReport r) {
        return r.findings().stream().map(Finding::rule).distinct().toList();
    }

    private static int indexOf(EvidenceBundle b, EventType type) throws Exception {
        for (int i = 0; i < b.events().size(); i++) {
            if (SignedEvent.parse(b.events().get(i).leafBytes()).type() == type) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }

    private static EvidenceBundle withEvents(EvidenceBundle b, List<BundleLeaf> events) {
        return new EvidenceBundle(b.match(), b.checkpoint(), events, b.snapshot(), b.alignedCrop());
    }

    @Test
    void cleanBundlePassesWithEveryRuleChecked() throws Exception {
        BundleLog log = BundleLog.build(BundleLog.Options.CLEAN);
        EvidenceBundle bundle = log.bundle();
        VerificationReport report = BundleLog.verifier().verify(bundle);
        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(c -> c.rule()).contains(Rule.CHECKPOINT, Rule.SIGNATURE, Rule.CHAIN,
                Rule.PROJECTION, Rule.R1_TWO_PERSON_REVIEW, Rule.R2_MATCH_PROVENANCE, Rule.R3_WATCHLIST_AUTHORISATION,
                Rule.R6_THRESHOLD, Rule.R7_ACCURACY, Rule.R9_CAMERA);
        assertThat(report.facts().get("R7 scope")).contains("snapshot size the match names (2)",
                "not checkable from a bundle");
        // Only what matters: not the other entry, not the unrelated reviewer's enrolment before the match.
        List<Long> leaves = bundle.events().stream().map(BundleLeaf::leafIndex).toList();
        assertThat(leaves).doesNotContain(8L).contains(0L, 5L, 6L, 7L, 10L, 11L);
        // The late review's signer (reviewer-3) and reviewer-1's later revocation are carried.
        assertThat(leaves).contains(9L, (long) log.events.size() - 2);
        assertThat(HtmlReportWriter.render(report)).contains("Verdict: every check held.")
                .contains("of reviewer-1 (role reviewer)").contains("R1");
    }

    @Test
    void bundleRoundTripsThroughCanonicalBytes() throws Exception {
        EvidenceBundle bundle = BundleLog.build(BundleLog.Options.CLEAN).bundle(Optional.of(new byte[] {1, 2, 3}));
        byte[] bytes = bundle.toBytes();
        EvidenceBundle parsed = EvidenceBundle.parse(bytes);
        assertThat(parsed.toBytes()).isEqualTo(bytes);
        assertThat(parsed).isEqualTo(bundle);
        for (int i = 0; i < bundle.events().size(); i++) {
            assertThat(parsed.events().get(i).leafBytes()).isEqualTo(bundle.events().get(i).leafBytes());
        }
    }

    @Test
    void carriedCropIsCheckedAgainstTheDetectionDigest() throws Exception {
        BundleLog log = BundleLog.build(BundleLog.Options.CLEAN);
        VerificationReport wrong = BundleLog.verifier().verify(log.bundle(Optional.of(new byte[] {9})));
        assertThat(rules(wrong)).containsExactly(Rule.PROJECTION);
        assertThat(wrong.facts().get("Aligned crop")).contains("not re-derived");
        // The fixture detection's digest is of the text "aligned crop".
        VerificationReport right = BundleLog.verifier().verify(log.bundle(Optional.of(
                "aligned crop".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(EventFixtures.digestOf("aligned crop")).isEqualTo(Sha256Digest.hash(
                "aligned crop".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(right.passed()).as(right.findings().toString()).isTrue();
    }

    @Test
    void proofsForAnotherTreeSizeAreRejected() throws Exception {
        BundleLog log = BundleLog.build(BundleLog.Options.CLEAN);
        EvidenceBundle bundle = log.bundle();
        MerkleTree bigger = log.tree();
        bigger.appendLeaf(new byte[] {1});
        List<BundleLeaf> events = new ArrayList<>();
        for (BundleLeaf leaf : bundle.events()) {
            var proof = bigger.inclusionProof(leaf.leafIndex(), bigger.size());
            events.add(leaf.withProof(proof.treeSize(), proof.hashes()));
        }
        VerificationReport report = BundleLog.verifier().verify(withEvents(bundle, events));
        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.rule() == Rule.CHECKPOINT).hasSize(bundle.events().size())
                .allSatisfy(f -> assertThat(f.found()).contains("tree size " + bigger.size()));
    }

    @Test
    void flippedProofHashIsRejected() throws Exception {
        EvidenceBundle bundle = BundleLog.build(BundleLog.Options.CLEAN).bundle();
        List<BundleLeaf> events = new ArrayList<>(bundle.events());
        int i = indexOf(bundle, EventType.MATCH_PROPOSED);
        BundleLeaf leaf = events.get(i);
        List<Sha256Digest> hashes = new ArrayList<>(leaf.proof().hashes());
        byte[] h = hashes.get(0).toByteArray();
        h[0] ^= 1;
        hashes.set(0, Sha256Digest.of(h));
        events.set(i, leaf.withProof(leaf.proof().treeSize(), hashes));
        VerificationReport report = BundleLog.verifier().verify(withEvents(bundle, events));
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CHECKPOINT);
            assertThat(f.leafIndex()).isEqualTo(leaf.leafIndex());
        });
    }

    @Test
    void flippedSnapshotProofHashIsRejectedUnderR3() throws Exception {
        BundleLog log = BundleLog.build(BundleLog.Options.CLEAN);
        EvidenceBundle bundle = log.bundle();
        assertThat(bundle.snapshot().size()).isEqualTo(2);
        byte[] h = bundle.snapshot().proof().hashes().get(0).toByteArray();
        h[31] ^= 0x40;
        EvidenceBundle tampered = new EvidenceBundle(bundle.match(), bundle.checkpoint(), bundle.events(),
                bundle.snapshot().withHashes(List.of(Sha256Digest.of(h))), Optional.empty());
        assertThat(rules(BundleLog.verifier().verify(tampered))).containsExactly(Rule.R3_WATCHLIST_AUTHORISATION);
    }

    @Test
    void scoreEditedInsideTheBundleBreaksTheProof() throws Exception {
        EvidenceBundle bundle = BundleLog.build(BundleLog.Options.CLEAN).bundle();
        List<BundleLeaf> events = new ArrayList<>(bundle.events());
        int i = indexOf(bundle, EventType.MATCH_PROPOSED);
        String text = new String(events.get(i).leafBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String edited = text.replaceFirst("\"score\":(\\d+)", "\"score\":1$1");
        assertThat(edited).isNotEqualTo(text);
        events.set(i, new BundleLeaf(edited.getBytes(java.nio.charset.StandardCharsets.UTF_8), events.get(i).proof()));
        VerificationReport report = BundleLog.verifier().verify(withEvents(bundle, events));
        assertThat(report.findings()).first().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CHECKPOINT);
            assertThat(f.leafIndex()).isEqualTo(events.get(i).leafIndex());
        });
    }

    @Test
    void scoreSignedByTheEngineButWrongIsCaughtByRecomputation() throws Exception {
        BundleLog log = BundleLog.build(new BundleLog.Options(true, false, -1));
        VerificationReport report = BundleLog.verifier().verify(log.bundle());
        assertThat(rules(report)).containsExactly(Rule.PROJECTION);
        assertThat(report.findings().get(0).expected()).contains("recomputed");
    }

    @Test
    void templateEditedInsideTheBundleBreaksTheProofAndSignature() throws Exception {
        EvidenceBundle bundle = BundleLog.build(BundleLog.Options.CLEAN).bundle();
        List<BundleLeaf> events = new ArrayList<>(bundle.events());
        int i = indexOf(bundle, EventType.FACE_DETECTED);
        String text = new String(events.get(i).leafBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("\"data\":\"") + 60;
        char c = text.charAt(at) == 'A' ? 'B' : 'A';
        String edited = text.substring(0, at) + c + text.substring(at + 1);
        events.set(i, new BundleLeaf(edited.getBytes(java.nio.charset.StandardCharsets.UTF_8), events.get(i).proof()));
        VerificationReport report = BundleLog.verifier().verify(withEvents(bundle, events));
        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CHECKPOINT);
            assertThat(f.leafIndex()).isEqualTo(events.get(i).leafIndex());
        });
    }

    @Test
    void attestationSmallerThanTheMatchsSnapshotFailsR7AtTheMatch() throws Exception {
        BundleLog ok = BundleLog.build(new BundleLog.Options(true, false, 0, 2));
        assertThat(BundleLog.verifier().verify(ok.bundle()).passed()).isTrue();
        BundleLog log = BundleLog.build(new BundleLog.Options(true, false, 0, 1));
        VerificationReport report = BundleLog.verifier().verify(log.bundle());
        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.R7_ACCURACY);
            assertThat(f.leafIndex()).isEqualTo(11L);
            assertThat(f.expected()).isEqualTo("an accuracy attestation measured at watchlist size >= 2 (the match's"
                    + " snapshot size 2; an excerpt does not show the entries active for the detection)");
            assertThat(f.found()).isEqualTo("policy at leaf 5 attests fpirPpm 1000 at watchlist size 1");
        });
    }

    @Test
    void singleConfirmationFailsR1() throws Exception {
        BundleLog log = BundleLog.build(new BundleLog.Options(false, false, 0));
        VerificationReport report = BundleLog.verifier().verify(log.bundle());
        assertThat(rules(report)).containsExactly(Rule.R1_TWO_PERSON_REVIEW);
        assertThat(report.findings().get(0).found()).isEqualTo("1 (reviewer-1)");
    }

    /** Issue #11 §1: the bundle check counted a reviewer's later confirm after a reject; the audit did not. */
    @Test
    void onlyEachReviewersFirstReviewCountsAsInTheAudit() throws Exception {
        BundleLog log = BundleLog.build(BundleLog.Options.reviewerRejectsThenConfirms());
        VerificationReport report = BundleLog.verifier().verify(log.bundle());
        assertThat(report.passed()).isFalse();
        assertThat(rules(report)).containsExactly(Rule.R1_TWO_PERSON_REVIEW);
        assertThat(report.findings()).extracting(Finding::found).containsExactly(
                "reviewer reviewer-1 reviewed it again (first verdict reject, now confirm); only the first counts",
                "1 (reviewer-2); not counted: reviewer-1 reject");
        assertThat(report.findings()).extracting(Finding::rule, Finding::leafIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.R1_TWO_PERSON_REVIEW, 13L),
                        org.assertj.core.groups.Tuple.tuple(Rule.R1_TWO_PERSON_REVIEW, 15L));
    }

    /** Issue #11 §1: an authorisation signed by another officer than the one it names passed the bundle check. */
    @Test
    void anEntrySignedByAnotherOfficerThanItNamesFailsR3AsInTheAudit() throws Exception {
        BundleLog log = BundleLog.build(BundleLog.Options.entryByAnotherOfficer());
        VerificationReport report = BundleLog.verifier().verify(log.bundle());
        assertThat(report.passed()).isFalse();
        assertThat(rules(report)).containsExactly(Rule.R3_WATCHLIST_AUTHORISATION);
        assertThat(report.findings()).first().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(8L);
            assertThat(f.expected()).isEqualTo("entry wl-2026-0001 signed by its authorising officer officer-7"
                    + " (role officer or authority)");
            assertThat(f.found()).isEqualTo("signed by officer officer-8");
        });
    }

    @Test
    void reviewDroppedFromTheBundleIsAChainGap() throws Exception {
        EvidenceBundle bundle = BundleLog.build(BundleLog.Options.CLEAN).bundle();
        List<BundleLeaf> events = new ArrayList<>(bundle.events());
        events.remove(indexOf(bundle, EventType.MATCH_REVIEWED));
        VerificationReport report = BundleLog.verifier().verify(withEvents(bundle, events));
        assertThat(rules(report)).contains(Rule.CHAIN, Rule.R1_TWO_PERSON_REVIEW);
    }

    @Test
    void reviewSignedByARevokedKeyIsRejected() throws Exception {
        BundleLog log = BundleLog.build(new BundleLog.Options(true, true, 0));
        VerificationReport report = BundleLog.verifier().verify(log.bundle());
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.SIGNATURE);
            assertThat(f.found()).contains("revoked at leaf 12");
        });
        assertThat(rules(report)).containsExactlyInAnyOrder(Rule.SIGNATURE, Rule.R1_TWO_PERSON_REVIEW);
    }

    @Test
    void checkpointSignedByAnotherKeyAnchorsNothing() throws Exception {
        EvidenceBundle bundle = BundleLog.build(BundleLog.Options.CLEAN).bundle();
        BundleVerifier other = new BundleVerifier(org.oversight.domain.note.Ed25519NoteSigner
                .of(BundleLog.ORIGIN, EventFixtures.key(41)).verifier(), BundleLog.ORIGIN);
        VerificationReport report = other.verify(bundle);
        assertThat(rules(report)).containsExactly(Rule.CHECKPOINT);
    }

    /**
     * Issue #11 §2: what is authorised between a detection and the engine's proposal (a withdrawal,
     * a new policy, the camera's decommissioning) never fails the honest proposal, in a bundle as in
     * the audit; the bundle carries them.
     */
    @Test
    void eventsBetweenTheDetectionAndItsProposalDoNotFailTheMatch() throws Exception {
        BundleLog log = BundleLog.build(BundleLog.Options.CLEAN, l -> {
            l.append(new org.oversight.domain.event.WatchlistEntryWithdrawn("wl-2026-0001", "located"),
                    EventFixtures.OFFICER_SEED);
            l.append(stricterPolicy(2), EventFixtures.AUTHORITY_SEED);
            l.append(new org.oversight.domain.event.CameraDecommissioned("cam-0042", "removed"),
                    EventFixtures.OFFICER_SEED);
        }, l -> { });
        EvidenceBundle bundle = log.bundle();
        assertThat(bundle.events()).extracting(BundleLeaf::leafIndex).contains(11L, 12L, 13L);
        VerificationReport report = BundleLog.verifier().verify(bundle);
        // The withdrawal stands before the action: acting on a withdrawn entry is R3, judged at the action.
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.R3_WATCHLIST_AUTHORISATION);
            assertThat(f.expected()).isEqualTo("entry wl-2026-0001 not withdrawn before the action stop-and-speak");
            assertThat(f.found()).isEqualTo("withdrawn at leaf 11");
        });
    }

    @Test
    void aPolicyRaisingReviewersBeforeTheActionIsCarriedAndApplies() throws Exception {
        BundleLog log = BundleLog.build(BundleLog.Options.CLEAN, l -> { },
                l -> l.append(stricterPolicy(3), EventFixtures.AUTHORITY_SEED));
        EvidenceBundle bundle = log.bundle();
        VerificationReport report = BundleLog.verifier().verify(bundle);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.R1_TWO_PERSON_REVIEW);
            assertThat(f.expected()).startsWith("3 confirmations of match");
        });
    }

    private static org.oversight.domain.event.RecognitionPolicySet stricterPolicy(int reviewers) {
        org.oversight.domain.event.RecognitionPolicySet p = EventFixtures.recognitionPolicySet();
        return new org.oversight.domain.event.RecognitionPolicySet("other/model@2", p.templateFormat(),
                p.threshold() / 2, p.maxThreshold() / 2, reviewers, p.retentionDays(), p.accuracy());
    }

    /**
     * format.md §11.2 item 6 with §5.4: a carried authority key enrolled by another authority needs
     * its principal's declaration, or the excerpt's registry would refuse the enrolment ("new
     * authority must be declared") although the log accepted it.
     */
    @Test
    void anAuthorityKeyEnrolledByAnotherAuthorityIsCarriedWithItsPrincipalsDeclaration() throws Exception {
        int secondKeySeed = 12;
        BundleLog log = BundleLog.build(BundleLog.Options.CLEAN, l -> { }, l -> {
            l.append(new org.oversight.domain.event.AuthorityDeclared("authority-2", "Second board",
                    EventFixtures.key(EventFixtures.SECOND_AUTHORITY_SEED).publicKey()), EventFixtures.AUTHORITY_SEED);
            l.append(new org.oversight.domain.event.KeyEnrolled("authority-2",
                    org.oversight.domain.event.Role.AUTHORITY, EventFixtures.key(secondKeySeed).publicKey()),
                    EventFixtures.AUTHORITY_SEED);
            l.append(EventFixtures.recognitionPolicySet(), secondKeySeed);
        });
        EvidenceBundle bundle = log.bundle();
        assertThat(bundle.events()).extracting(BundleLeaf::leafIndex).contains(15L, 16L, 17L);
        VerificationReport report = BundleLog.verifier().verify(bundle);
        assertThat(report.findings()).isEmpty();
    }

    /**
     * One implementation per rule: the audit of the whole log and the check of the bundle report the
     * same policy-rule findings (rule, leaf, expected, found) for the scenarios where the copies
     * used to disagree (issue #11 §1).
     */
    @Test
    void theBundleAndTheAuditOfTheWholeLogReportTheSameRuleFindings() throws Exception {
        for (BundleLog.Options o : List.of(BundleLog.Options.CLEAN, BundleLog.Options.reviewerRejectsThenConfirms(),
                BundleLog.Options.entryByAnotherOfficer(), new BundleLog.Options(false, false, 0))) {
            BundleLog log = BundleLog.build(o);
            List<byte[]> leaves = log.events.stream().map(SignedEvent::leafBytes).toList();
            VerificationReport audit = new org.oversight.verifier.audit.LogAuditor(BundleLog.logKey().verifier(),
                    BundleLog.ORIGIN, org.oversight.verifier.audit.AuditOptions.defaults()).audit(new java.io.ByteArrayInputStream(
                            org.oversight.verifier.audit.TestLog.export(leaves, BundleLog.logKey())), Optional.empty(),
                            org.oversight.verifier.audit.AuditProgress.NONE).report();
            VerificationReport bundle = BundleLog.verifier().verify(log.bundle());
            assertThat(policyFindings(bundle)).as(o.toString()).isEqualTo(policyFindings(audit));
            assertThat(bundle.passed()).as(o.toString()).isEqualTo(audit.passed());
        }
    }

    private static List<Finding> policyFindings(VerificationReport report) {
        List<Rule> policyRules = List.of(Rule.R1_TWO_PERSON_REVIEW, Rule.R2_MATCH_PROVENANCE,
                Rule.R3_WATCHLIST_AUTHORISATION, Rule.R6_THRESHOLD, Rule.R7_ACCURACY);
        return report.findings().stream().filter(f -> policyRules.contains(f.rule())).toList();
    }
}
