package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.export.CheckpointArchive;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/**
 * R11 in the audit: each detection is judged against the first quorum-cosigned checkpoint of the
 * archive that contains it and whose root the export's leaves reproduce (docs/rules.md R11).
 */
class TrustedTimeAuditTest {
    private static final Ed25519NoteSigner LOG = TestLog.logKey(TestLog.LOG_SEED);
    /** 2026-12-06T12:00:00Z. */
    private static final long T = 1_796_558_400L;
    private static final long D = 600_000;
    private static final Ed25519Cosigner W1 = witness(1);
    private static final Ed25519Cosigner W2 = witness(2);
    private static final WitnessQuorum BOTH = WitnessQuorum.of(List.of(W1.verifier(), W2.verifier()), 2);

    private final List<byte[]> leaves = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    TrustedTimeAuditTest() {
        for (int i = 0; i < 10; i++) {
            leaves.add(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Ed25519Cosigner witness(int n) {
        byte[] seed = new byte[32];
        seed[5] = (byte) n;
        try {
            return Ed25519Cosigner.of("witness.example/w" + n, Ed25519PrivateKey.fromSeed(seed));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The log's checkpoint of the first {@code size} leaves of {@code over}, cosigned as given. */
    private static SignedCheckpoint cosigned(List<byte[]> over, int size, Object... witnessThenSeconds) throws Exception {
        SignedCheckpoint c = TestLog.checkpoint(over.subList(0, size), LOG);
        List<Cosignature> lines = new ArrayList<>();
        for (int i = 0; i < witnessThenSeconds.length; i += 2) {
            Ed25519Cosigner w = (Ed25519Cosigner) witnessThenSeconds[i];
            lines.add(w.cosign(c.note().textBytes(), (Long) witnessThenSeconds[i + 1]));
        }
        return c.withCosignatures(lines);
    }

    private static CheckpointArchive.Reader archive(SignedCheckpoint... checkpoints) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointArchive.Writer w = new CheckpointArchive.Writer(out);
        for (SignedCheckpoint c : checkpoints) {
            w.write(c);
        }
        return new CheckpointArchive.Reader(new ByteArrayInputStream(out.toByteArray()));
    }

    private interface Detections {
        void at(TrustedTimeAudit audit, long leaf);
    }

    /** Runs the ordered pass over the leaves, telling the audit of the detections as they come. */
    private VerificationReport pass(CheckpointArchive.Reader archive, Detections detections) {
        TrustedTimeAudit audit = new TrustedTimeAudit(archive, TestLog.ORIGIN, LOG.verifier(), BOTH, leaves.size());
        CompactRange range = CompactRange.empty();
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            range.append(org.oversight.domain.merkle.rfc6962.Rfc6962Hashing.leafHash(leaves.get(leaf)));
            detections.at(audit, leaf);
            audit.treeSize(range.size(), range::root, findings::add);
        }
        VerificationReport report = new VerificationReport("test");
        audit.finish(report);
        return report;
    }

    private static void detect(TrustedTimeAudit audit, long leaf, long captureMillis) {
        audit.detection(leaf, "ev-" + leaf, Timestamp.ofEpochMillis(captureMillis), Optional.of(D));
    }

    @Test
    void backdatedAndForwardDatedDetectionsAreViolationsAgainstTheFirstQuorumCheckpointContainingThem()
            throws Exception {
        CheckpointArchive.Reader archive = archive(
                cosigned(leaves, 3, W1, T - 50),                 // one witness only: not the quorum
                cosigned(leaves, 5, W1, T, W2, T + 2),           // first quorum checkpoint for leaves 0..4
                cosigned(leaves, 10, W1, T + 100, W2, T + 100)); // for leaves 5..9
        VerificationReport report = pass(archive, (audit, leaf) -> {
            switch ((int) leaf) {
                case 1 -> detect(audit, leaf, T * 1000 - 30_000);                 // reported in 30 s: complies
                case 2 -> detect(audit, leaf, (T + 2) * 1000 - D - 1);            // 1 ms beyond the delay: backdated
                case 4 -> detect(audit, leaf, (T + 1) * 1000);                    // after w1 cosigned it: forward-dated
                case 6 -> detect(audit, leaf, (T + 100) * 1000 - D);              // exactly the delay: complies
                case 7 -> detect(audit, leaf, T * 1000 - 2 * 86_400_000L);        // two days back: backdated
                case 8 -> audit.detection(leaf, "ev-8", Timestamp.ofEpochMillis(0), Optional.empty()); // no delay
                default -> { }
            }
        });
        assertThat(findings).extracting(Finding::leafIndex).containsExactly(2L, 4L, 7L);
        assertThat(findings).allSatisfy(f -> assertThat(f.rule()).isEqualTo(Rule.R11_TRUSTED_TIME));
        assertThat(findings.get(0).found()).contains("backdated");
        assertThat(findings.get(0).expected()).contains("size 5");
        assertThat(findings.get(1).found()).contains("forward-dated");
        assertThat(findings.get(2).expected()).contains("size 10");
        assertThat(report.checks()).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo(Rule.R11_TRUSTED_TIME);
            assertThat(c.passed()).isFalse();
        });
        assertThat(report.facts().get("trusted time (R11)")).startsWith("5 detections judged against 2 quorum-cosigned"
                + " checkpoints of the archive (3 read, 1 without the quorum)")
                .contains("1 not judged: no policy with maxReportingDelayMs")
                .contains("0 not judged: no quorum-cosigned checkpoint");
    }

    @Test
    void withoutTheFirstQuorumCheckpointTheNextOneCountsWhichIsOnlyStricter() throws Exception {
        // The archive withholds size 5: leaf 1's detection is judged against size 10, 100 s later.
        VerificationReport report = pass(archive(cosigned(leaves, 10, W1, T + 100, W2, T + 100)),
                (audit, leaf) -> {
                    if (leaf == 1) {
                        detect(audit, leaf, T * 1000 - 30_000);
                    }
                });
        assertThat(findings).isEmpty();
        assertThat(report.checks().get(0).passed()).isTrue();
        findings.clear();
        // With a delay of 100 s it would now be judged too old: withholding never helps a backdater.
        pass(archive(cosigned(leaves, 10, W1, T + 100, W2, T + 100)), (audit, leaf) -> {
            if (leaf == 1) {
                audit.detection(leaf, "ev-1", Timestamp.ofEpochMillis(T * 1000 - 30_000), Optional.of(100_000L));
            }
        });
        assertThat(findings).extracting(Finding::leafIndex).containsExactly(1L);
    }

    @Test
    void aCheckpointTheExportDoesNotReproduceIsAnR10FindingAndIsNotUsed() throws Exception {
        List<byte[]> other = new ArrayList<>(leaves);
        other.set(3, "rewritten".getBytes(StandardCharsets.UTF_8));
        VerificationReport report = pass(archive(cosigned(other, 5, W1, T, W2, T),
                cosigned(leaves, 10, W1, T + 100, W2, T + 100)), (audit, leaf) -> {
                    if (leaf == 2) {
                        detect(audit, leaf, T * 1000 - 30_000);
                    }
                });
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CONSISTENCY);
            assertThat(f.leafIndex()).isEqualTo(4);
            assertThat(f.expected()).contains("tree size 5", "checkpoint archive");
        });
        assertThat(report.facts().get("trusted time (R11)")).startsWith("1 detections judged against 1");
    }

    @Test
    void detectionsNoQuorumCheckpointContainsAreCountedNotJudged() throws Exception {
        VerificationReport report = pass(archive(cosigned(leaves, 5, W1, T, W2, T), cosigned(leaves, 10, W1, T + 9)),
                (audit, leaf) -> {
                    if (leaf == 6 || leaf == 9) {
                        detect(audit, leaf, 0);
                    }
                });
        assertThat(findings).isEmpty();
        assertThat(report.checks().get(0).passed()).isTrue();
        assertThat(report.facts().get("trusted time (R11)")).contains("0 detections judged")
                .contains("2 not judged: no quorum-cosigned checkpoint of the archive contains them; the first at leaf 6");
    }

    @Test
    void anUnsignedCheckpointOrAnUnreadableLineIsAnInputFinding() throws Exception {
        SignedCheckpoint foreign = TestLog.checkpoint(leaves.subList(0, 5), TestLog.logKey(TestLog.OTHER_LOG_SEED));
        pass(archive(foreign, cosigned(leaves, 10, W1, T, W2, T)), (audit, leaf) -> { });
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.INPUT);
            assertThat(f.found()).contains("checkpoint of size 5");
        });
        findings.clear();
        byte[] bad = ("{\"format\":\"oversight/checkpoints/v1\"}\n{\"checkpoint\":\"x\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        VerificationReport report = pass(new CheckpointArchive.Reader(new ByteArrayInputStream(bad)), (a, l) -> { });
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.found()).contains("--checkpoints", "line 2"));
        assertThat(report.facts().get("trusted time (R11)")).contains("the rest of the archive is unreadable");
    }
}
