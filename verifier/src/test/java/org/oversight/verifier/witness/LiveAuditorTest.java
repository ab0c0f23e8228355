package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.note.Note;
import org.oversight.verifier.audit.TestLog;
import org.oversight.verifier.audit.WitnessFixtures;

/**
 * The live auditor's protocol and rules, with the leaves served from memory: cosigning after
 * replay, the tlog-witness status codes, durability across a restart, and failing closed with
 * evidence after a fork or a rule violation.
 */
class LiveAuditorTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Ed25519NoteSigner LOG = TestLog.logKey(TestLog.LOG_SEED);

    @TempDir
    Path dir;

    private final List<byte[]> served = new ArrayList<>();
    private final LeafSource source = (from, to) -> {
        if (to > served.size()) {
            throw new LeafSource.LeafFetchException("only " + served.size() + " leaves served");
        }
        return new ArrayList<>(served.subList((int) from, (int) to));
    };

    private static Ed25519Cosigner witnessKey() throws Exception {
        byte[] seed = new byte[32];
        seed[0] = 7;
        return Ed25519Cosigner.of("witness.example/w1", Ed25519PrivateKey.fromSeed(seed));
    }

    private LiveAuditor open() throws Exception {
        return LiveAuditor.open(dir, LOG.verifier(), TestLog.ORIGIN, witnessKey(), source,
                Clock.fixed(NOW, ZoneOffset.UTC), 10_000);
    }

    private static SignedCheckpoint checkpoint(List<byte[]> leaves, int size) {
        return TestLog.checkpoint(leaves.subList(0, size), LOG);
    }

    private static byte[] request(long oldSize, List<Sha256Digest> proof, SignedCheckpoint c) {
        return new AddCheckpointRequest(oldSize, proof, c.toBytes()).toBody();
    }

    private static List<Sha256Digest> proof(List<byte[]> leaves, long from, long to) throws Exception {
        return MerkleTree.ofLeaves(leaves).consistencyProof(from, to).hashes();
    }

    private static Cosignature verifiedCosignature(WitnessResponse r, SignedCheckpoint c) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Note note = Note.parse(c.note().format() + r.body());
        return witnessKey().verifier().verify(c.note().textBytes(), note.signatures().get(1));
    }

    @Test
    void cosignsAfterReplayingAndFollowsTheLogAcrossARestart() throws Exception {
        List<byte[]> log = WitnessFixtures.honest();
        served.addAll(log);
        SignedCheckpoint at11 = checkpoint(log, 11);
        SignedCheckpoint at14 = checkpoint(log, 14);
        try (LiveAuditor w = open()) {
            Cosignature c = verifiedCosignature(w.addCheckpoint(request(0, List.of(), at11)), at11);
            assertThat(c.timestamp()).isEqualTo(NOW.getEpochSecond());
            // A stale old size: 409 with the witness's size, in tlog-witness's format.
            WitnessResponse stale = w.addCheckpoint(request(0, List.of(), at14));
            assertThat(stale).isEqualTo(new WitnessResponse(409, "text/x.tlog.size", "11\n"));
            // Another witness's cosignature travels with the checkpoint; the state keeps the log's line only.
            Ed25519Cosigner other = Ed25519Cosigner.of("witness.example/other", Ed25519PrivateKey.fromSeed(new byte[32]));
            SignedCheckpoint carried = at14.withCosignatures(List.of(other.cosign(at14.note().textBytes(), 5)));
            verifiedCosignature(w.addCheckpoint(request(11, proof(log, 11, 14), carried)), at14);
            assertThat(w.cosignedSize()).isEqualTo(14);
            assertThat(Files.readAllBytes(dir.resolve("checkpoint"))).isEqualTo(at14.toBytes());
        }
        try (LiveAuditor w = open()) {
            assertThat(w.cosignedSize()).isEqualTo(14);
            assertThat(w.status()).contains("cosigned size 14", "14 leaves", "cosigning");
            // Same size, same root: cosigned again.
            verifiedCosignature(w.addCheckpoint(request(14, List.of(), at14)), at14);
        }
    }

    @Test
    void answersTheProtocolsErrorsWithoutChangingState() throws Exception {
        List<byte[]> log = WitnessFixtures.honest();
        served.addAll(log);
        try (LiveAuditor w = open()) {
            verifiedCosignature(w.addCheckpoint(request(0, List.of(), checkpoint(log, 11))), checkpoint(log, 11));
            SignedCheckpoint at14 = checkpoint(log, 14);
            assertThat(w.addCheckpoint("old 11\nnot base64\n\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
            assertThat(w.addCheckpoint(request(15, List.of(), at14)).body()).contains("old size 15 > checkpoint size 14");
            List<Sha256Digest> bad = new ArrayList<>(proof(log, 11, 14));
            bad.set(0, Sha256Digest.hash(new byte[] {9}));
            WitnessResponse badProof = w.addCheckpoint(request(11, bad, at14));
            assertThat(badProof.status()).isEqualTo(422);
            assertThat(badProof.contentType()).isEqualTo("application/problem+json");
            Ed25519NoteSigner stranger = TestLog.logKey(TestLog.LOG_SEED + 5);
            assertThat(w.addCheckpoint(request(11, proof(log, 11, 14), TestLog.checkpoint(log, stranger))).status())
                    .isEqualTo(403);
            Ed25519NoteSigner otherLog = Ed25519NoteSigner.of("other.example/log", Ed25519PrivateKey.fromSeed(new byte[32]));
            assertThat(w.addCheckpoint(request(11, List.of(), TestLog.checkpoint(log, otherLog))).status())
                    .isEqualTo(404);
            // The leaves the log serves must hash to the checkpoint's root.
            served.set(12, served.get(11));
            WitnessResponse garbled = w.addCheckpoint(request(11, proof(log, 11, 14), at14));
            assertThat(garbled.status()).isEqualTo(503);
            assertThat(garbled.body()).contains("not to the checkpoint's root");
            served.set(12, log.get(12));
            assertThat(w.halted()).isEmpty();
            assertThat(w.cosignedSize()).isEqualTo(11);
            verifiedCosignature(w.addCheckpoint(request(11, proof(log, 11, 14), at14)), at14);
        }
    }

    @Test
    void aRuleViolationHaltsTheWitnessWithEvidenceAlsoAfterARestart() throws Exception {
        List<byte[]> log = WitnessFixtures.unconfirmedAction();
        served.addAll(log);
        int size = WitnessFixtures.BEFORE_ACTION;
        SignedCheckpoint before = checkpoint(log, size);
        SignedCheckpoint after = checkpoint(log, size + 1);
        try (LiveAuditor w = open()) {
            verifiedCosignature(w.addCheckpoint(request(0, List.of(), before)), before);
            WitnessResponse refused = w.addCheckpoint(request(size, proof(log, size, size + 1), after));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("R1_TWO_PERSON_REVIEW at leaf " + size, "EVIDENCE.txt");
            assertThat(w.cosignedSize()).isEqualTo(size);
        }
        String evidence = Files.readString(dir.resolve("EVIDENCE.txt"));
        assertThat(evidence).contains("--- checkpoint last cosigned (signed note)\n" + before.note().format(),
                "--- checkpoint refused (signed note)\n" + after.note().format(),
                "R1_TWO_PERSON_REVIEW | leaf " + size, "--- leaf " + size + " (base64 of the leaf bytes)");
        try (LiveAuditor w = open()) {
            assertThat(w.halted()).isPresent();
            assertThat(w.addCheckpoint(request(size, List.of(), before)).status()).isEqualTo(503);
        }
    }

    @Test
    void aDetectionCapturedAfterTheWitnessCosignsIsAnR11ViolationThatHaltsIt() throws Exception {
        // Under a policy with maxReportingDelayMs, the detection at leaf 8 claims capture at
        // 2026-11-27T09:30:00.040Z; this witness's clock says 2026-11-20: forward-dated (R11).
        List<byte[]> log = WitnessFixtures.timed();
        served.addAll(log);
        int first = WitnessFixtures.TIMED_FIRST_DETECTION;
        SignedCheckpoint before = checkpoint(log, first);
        SignedCheckpoint with = checkpoint(log, first + 1);
        try (LiveAuditor w = open()) {
            verifiedCosignature(w.addCheckpoint(request(0, List.of(), before)), before);
            WitnessResponse refused = w.addCheckpoint(request(first, proof(log, first, first + 1), with));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("R11_TRUSTED_TIME at leaf " + first);
        }
        assertThat(Files.readString(dir.resolve("EVIDENCE.txt"))).contains("R11_TRUSTED_TIME | leaf " + first,
                "this witness's time 2026-11-20T10:00:00Z", "forward-dated");
    }

    @Test
    void aWitnessWhoseClockIsPastTheCaptureTimesCosignsTheTimedLog() throws Exception {
        List<byte[]> log = WitnessFixtures.timed();
        served.addAll(log);
        SignedCheckpoint all = checkpoint(log, log.size());
        try (LiveAuditor w = LiveAuditor.open(dir, LOG.verifier(), TestLog.ORIGIN, witnessKey(), source,
                Clock.fixed(Instant.parse("2026-11-27T09:31:01Z"), ZoneOffset.UTC), 10_000)) {
            Cosignature c = verifiedCosignature(w.addCheckpoint(request(0, List.of(), all)), all);
            assertThat(c.timestamp()).isEqualTo(Instant.parse("2026-11-27T09:31:01Z").getEpochSecond());
            assertThat(w.halted()).isEmpty();
        }
    }

    @Test
    void twoCheckpointsOfOneSizeWithDifferentRootsAreAForkThatHaltsTheWitness() throws Exception {
        List<byte[]> honest = WitnessFixtures.honest();
        List<byte[]> other = WitnessFixtures.unconfirmedAction();
        int size = WitnessFixtures.BEFORE_ACTION + 1;
        served.addAll(honest);
        SignedCheckpoint mine = checkpoint(honest, size);
        SignedCheckpoint theirs = checkpoint(other, size);
        try (LiveAuditor w = open()) {
            verifiedCosignature(w.addCheckpoint(request(0, List.of(), mine)), mine);
            WitnessResponse fork = w.addCheckpoint(request(size, List.of(), theirs));
            assertThat(fork.status()).isEqualTo(409);
            assertThat(fork.body()).contains("fork");
            assertThat(w.addCheckpoint(request(size, List.of(), mine)).status()).isEqualTo(503);
        }
        assertThat(Files.readString(dir.resolve("EVIDENCE.txt"))).contains(mine.note().format(), theirs.note().format());
    }

    @Test
    void aDamagedLeafFileIsRefusedAtStartup() throws Exception {
        List<byte[]> log = WitnessFixtures.honest();
        served.addAll(log);
        try (LiveAuditor w = open()) {
            verifiedCosignature(w.addCheckpoint(request(0, List.of(), checkpoint(log, 14))), checkpoint(log, 14));
        }
        byte[] leaves = Files.readAllBytes(dir.resolve("leaves"));
        leaves[leaves.length - 3] ^= 1;
        Files.write(dir.resolve("leaves"), leaves);
        org.assertj.core.api.Assertions.assertThatThrownBy(this::open)
                .isInstanceOf(LiveAuditor.WitnessStateException.class)
                .hasMessageContaining("leaves hash to");
    }
}
