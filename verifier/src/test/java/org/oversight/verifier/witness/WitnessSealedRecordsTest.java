package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.verifier.audit.TestLog;
import org.oversight.verifier.audit.WitnessSealedFixtures;

/**
 * Decision 0001 item 4, availability enforced by the witnesses: a fake ledger serves a log with a
 * sealed detection and a vault serving (or not) its blob; the witness opens the record with its own
 * epoch key and re-derives the decision, halts with the evidence when the blob is missing, tampered
 * or does not open to its commitment, answers erased after it destroyed its key at the close, and
 * reports a detection of an epoch it is not a recipient of as withheld.
 */
class WitnessSealedRecordsTest {
    private static final Ed25519NoteSigner LOG = TestLog.logKey(TestLog.LOG_SEED);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T16:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<byte[]> served = new ArrayList<>();
    private final Map<String, byte[]> blobs = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final LeafSource leaves = (from, to) -> {
        if (to > served.size()) {
            throw new LeafSource.LeafFetchException("only " + served.size() + " leaves served");
        }
        return new ArrayList<>(served.subList((int) from, (int) to));
    };
    private final VaultBlobs vault = digest -> {
        asked.add(digest.hex());
        byte[] b = blobs.get(digest.hex());
        return b == null ? new VaultBlobs.Missing("GET /v1/vault/blobs/" + digest.hex() + ": HTTP 404")
                : new VaultBlobs.Found(b.clone());
    };

    private static Ed25519Cosigner cosigner() throws Exception {
        byte[] seed = new byte[32];
        seed[2] = 9;
        return Ed25519Cosigner.of("witness.example/w1", Ed25519PrivateKey.fromSeed(seed));
    }

    private LiveAuditor open() throws Exception {
        return LiveAuditor.open(dir, LOG.verifier(), TestLog.ORIGIN, cosigner(), leaves, vault, CLOCK, 10_000);
    }

    /** The witness's recipient object for the fixture's epoch, as an authority gets it from GET /epoch-key. */
    private static EpochRecipient recipientOf(LiveAuditor w) throws Exception {
        WitnessResponse r = w.epochKey(EventFixtures.EPOCH);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        JsonObject o = (JsonObject) JsonParser.parse(body, new JsonLimits(8, body.length));
        return EpochRecipient.Witness.create(EventFixtures.EPOCH, o.requireString("recipient"),
                X25519PublicKey.parse(o.requireString("publicKey")), cosigner());
    }

    private static WitnessResponse add(LiveAuditor w, List<byte[]> log, int from, int to) throws Exception {
        SignedCheckpoint c = TestLog.checkpoint(log.subList(0, to), LOG);
        List<Sha256Digest> proof = from == 0 ? List.of() : MerkleTree.ofLeaves(log.subList(0, to))
                .consistencyProof(from, to).hashes();
        return w.addCheckpoint(new AddCheckpointRequest(from, proof, c.toBytes()).toBody());
    }

    @Test
    void aSealedRecordTheVaultServesIsOpenedAndItsDecisionReDerived() throws Exception {
        try (LiveAuditor w = open()) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.sealedDetection(recipientOf(w), false, false);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            WitnessResponse r = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(asked).containsExactly(log.blobDigestHex());
            assertThat(w.status()).contains("1 match decisions derived").contains("sealed records: 1 opened")
                    .contains("cosigning");
        }
        // A restart fetches and opens the record again: same state, still cosigning.
        try (LiveAuditor again = open()) {
            assertThat(again.halted()).isEmpty();
            assertThat(again.status()).contains("1 match decisions derived").contains("1 opened");
        }
    }

    @Test
    void aRetrospectiveSearchIsReDerivedFromTheRecordsTheWitnessOpened() throws Exception {
        try (LiveAuditor w = open()) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.searched(recipientOf(w), 0);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            WitnessResponse r = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(w.halted()).isEmpty();
        }
    }

    @Test
    void aRetrospectiveSearchWithATamperedScoreHaltsTheWitness() throws Exception {
        try (LiveAuditor w = open()) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.searched(recipientOf(w), 1);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            WitnessResponse r = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(r.status()).as(r.body()).isNotEqualTo(200);
            assertThat(w.halted()).get().asString().contains("R4_RETROSPECTIVE_SEARCH at leaf "
                    + (log.leaves().size() - 1));
            assertThat(Files.readString(dir.resolve("EVIDENCE.txt"))).contains("differing scores: leaf "
                    + log.detectionLeaf());
        }
    }

    @Test
    void aBlobGoneFromTheVaultAfterTheWitnessVerifiedItDoesNotHaltARestart() throws Exception {
        try (LiveAuditor w = open()) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.sealedDetection(recipientOf(w), false, false);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            assertThat(add(w, log.leaves(), 0, log.leaves().size()).status()).isEqualTo(200);
        }
        // E.g. the vault erased it at the epoch's close, which this witness has not replayed yet.
        blobs.clear();
        try (LiveAuditor again = open()) {
            assertThat(again.halted()).isEmpty();
            assertThat(again.status()).contains("1 no longer served since verified").contains("cosigning");
        }
    }

    @Test
    void aSealedDetectionTheProjectionDoesNotAskForMustStillBeAvailable() throws Exception {
        WitnessEpochKeys keys = new WitnessEpochKeys(dir.resolve("unit"), cosigner(), "witness-u",
                new java.security.SecureRandom());
        WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.sealedDetection(
                keys.recipientFor(EventFixtures.EPOCH), false, false);
        WitnessRecords records = new WitnessRecords(keys, vault,
                new WitnessEntryRecords(new EntryRecordFiles(dir.resolve("unit"))));
        // The projection skipped the detection on its leaf alone (say, no policy in force): open() not called.
        records.prefetch(log.leaves(), 0);
        List<org.oversight.verifier.report.Finding> missing = records.drainViolations();
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).leafIndex()).isEqualTo(log.detectionLeaf());
        assertThat(missing.get(0).found()).contains("stage fetch");
        assertThat(missing.get(0).expected()).contains(log.blobDigestHex());
        blobs.put(log.blobDigestHex(), log.blob());
        records.prefetch(log.leaves(), 0);
        assertThat(records.drainViolations()).isEmpty();
        assertThat(records.summary()).contains("1 opened");
    }

    @Test
    void aSealedEntrysEnrolmentRecordOpensWithTheWitnessKeyAndAMissingOneIsAViolation() throws Exception {
        WitnessEpochKeys keys = new WitnessEpochKeys(dir.resolve("unit-e"), cosigner(), "witness-u",
                new java.security.SecureRandom());
        org.oversight.domain.seal.EpochRecipient.Witness me = keys.recipientFor(EventFixtures.EPOCH);
        org.oversight.domain.event.ErasureEpochOpened f = EventFixtures.erasureEpochOpened();
        org.oversight.domain.event.ErasureEpochOpened epoch = new org.oversight.domain.event.ErasureEpochOpened(
                f.epoch(), f.sealFrom(), f.sealUntil(), f.eraseBy(), List.of(f.recipients().get(0), me));
        org.oversight.domain.event.WatchlistEntryAuthorized clear = EventFixtures.watchlistEntryAuthorized();
        org.oversight.domain.event.Timestamp time = EventFixtures.time("2026-11-27T09:40:00.000Z");
        org.oversight.domain.seal.EnrolmentSealer.SealedEnrolment sealed = org.oversight.domain.seal.EnrolmentSealer
                .seal(clear, org.oversight.domain.seal.EnrolmentRecord.of(clear.entry(), List.of(
                        new org.oversight.domain.seal.EnrolmentRecord.Crop(new byte[] {1, 2, 3},
                                clear.templates().get(0)))), epoch, time, new java.security.SecureRandom());
        org.oversight.domain.event.SignedEvent entry = org.oversight.domain.event.EventSigner.sign("ev-wl", 0,
                java.util.Optional.empty(), time, sealed.payload(), EventFixtures.key(EventFixtures.OFFICER_SEED));
        org.oversight.domain.event.DetectionRef ref = new org.oversight.domain.event.DetectionRef(entry.eventHash(), 0);
        String digest = sealed.payload().sealed().blobDigest().hex();
        WitnessRecords records = new WitnessRecords(keys, vault,
                new WitnessEntryRecords(new EntryRecordFiles(dir.resolve("unit-e"))));

        records.prefetch(List.of(entry.leafBytes()), 0);
        assertThat(records.openEnrolment(ref, entry)).isInstanceOf(
                org.oversight.recognition.projection.RecordAvailability.Unavailable.class);
        List<org.oversight.verifier.report.Finding> missing = records.drainViolations();
        assertThat(missing).singleElement().satisfies(m -> {
            assertThat(m.expected()).contains(digest).contains("of this watchlist entry");
            assertThat(m.found()).contains("stage fetch");
        });

        blobs.put(digest, sealed.blobBytes());
        records.prefetch(List.of(entry.leafBytes()), 0);
        assertThat(records.openEnrolment(ref, entry)).isEqualTo(
                org.oversight.recognition.projection.EnrolmentAvailability.available(clear.templates()));
        assertThat(records.drainViolations()).isEmpty();
        // Not asked by the projection: still opened (and so checked) when the batch is drained.
        records.prefetch(List.of(entry.leafBytes()), 0);
        assertThat(records.drainViolations()).isEmpty();
        assertThat(records.summary()).contains("2 opened");
    }

    @Test
    void aMissingBlobHaltsTheWitnessWithTheEvidence() throws Exception {
        try (LiveAuditor w = open()) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.sealedDetection(recipientOf(w), false, false);
            served.addAll(log.leaves());
            WitnessResponse r = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(w.halted()).get().asString().contains("SEALED_RECORD at leaf " + log.detectionLeaf());
            assertThat(w.cosignedSize()).isZero();
            String evidence = Files.readString(dir.resolve("EVIDENCE.txt"));
            assertThat(evidence).contains("SEALED_RECORD | leaf " + log.detectionLeaf())
                    .contains(log.blobDigestHex()).contains("stage fetch").contains("HTTP 404")
                    .contains("--- leaf " + log.detectionLeaf());
        }
    }

    @Test
    void aTamperedBlobHaltsTheWitnessAtTheDigestStage() throws Exception {
        try (LiveAuditor w = open()) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.sealedDetection(recipientOf(w), false, false);
            served.addAll(log.leaves());
            byte[] tampered = log.blob().clone();
            tampered[tampered.length / 2] ^= 1;
            blobs.put(log.blobDigestHex(), tampered);
            WitnessResponse r = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(Files.readString(dir.resolve("EVIDENCE.txt"))).contains("stage BlobDigestMismatch")
                    .contains(log.blobDigestHex()).contains("--- sealed blob named by blobDigest " + log.blobDigestHex())
                    .contains(java.util.Base64.getEncoder().encodeToString(tampered));
            assertThat(w.status()).contains("1 FAILED").contains("HALTED");
        }
    }

    @Test
    void aRecordNotOpeningToItsLeafsCommitmentHaltsTheWitness() throws Exception {
        try (LiveAuditor w = open()) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.sealedDetection(recipientOf(w), true, false);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            WitnessResponse r = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(Files.readString(dir.resolve("EVIDENCE.txt"))).contains("stage CommitmentMismatch")
                    .contains(java.util.Base64.getEncoder().encodeToString(log.blob()));
        }
    }

    @Test
    void aVaultThatCannotBeReachedIsRefusedWithoutChangingState() throws Exception {
        List<Boolean> down = new ArrayList<>(List.of(true));
        VaultBlobs flaky = digest -> {
            if (down.get(0)) {
                throw new VaultBlobs.BlobFetchException("GET /v1/vault/blobs/" + digest.hex() + ": HTTP 502");
            }
            return vault.fetch(digest);
        };
        try (LiveAuditor w = LiveAuditor.open(dir, LOG.verifier(), TestLog.ORIGIN, cosigner(), leaves, flaky, CLOCK,
                10_000)) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.sealedDetection(recipientOf(w), false, false);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            WitnessResponse refused = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("HTTP 502");
            assertThat(w.halted()).isEmpty();
            down.set(0, false);
            WitnessResponse r = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(w.status()).contains("1 match decisions derived");
        }
    }

    @Test
    void afterTheCloseTheDestroyedKeyMakesTheRecordErasedAndARestartDoesNotHalt() throws Exception {
        WitnessSealedFixtures.Sealed log;
        try (LiveAuditor w = open()) {
            log = WitnessSealedFixtures.sealedDetection(recipientOf(w), false, true);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            int beforeClose = log.leaves().size() - 1;
            assertThat(add(w, log.leaves(), 0, beforeClose).status()).isEqualTo(200);
            WitnessResponse closed = add(w, log.leaves(), beforeClose, log.leaves().size());
            assertThat(closed.status()).as(closed.body()).isEqualTo(200);
            assertThat(dir.resolve("epoch-keys/" + EventFixtures.EPOCH + ".x25519")).doesNotExist();
        }
        // The vault erased the blob with its own key; the witness no longer needs (or asks for) it.
        blobs.clear();
        asked.clear();
        try (LiveAuditor again = open()) {
            assertThat(again.halted()).isEmpty();
            assertThat(again.status()).contains("1 erased").contains("0 opened").contains("cosigning");
            assertThat(asked).isEmpty();
        }
    }

    @Test
    void aDetectionOfAnEpochTheWitnessIsNotARecipientOfIsWithheldNotAViolation() throws Exception {
        EpochRecipient other;
        try (LiveAuditor stranger = LiveAuditor.open(dir.resolve("other"), LOG.verifier(), TestLog.ORIGIN,
                cosigner(), leaves, vault, CLOCK, 10_000)) {
            other = recipientOf(stranger);
        }
        try (LiveAuditor w = open()) {
            WitnessSealedFixtures.Sealed log = WitnessSealedFixtures.sealedDetection(other, false, false);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            WitnessResponse r = add(w, log.leaves(), 0, log.leaves().size());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(asked).isEmpty();
            assertThat(w.status()).contains("0 match decisions derived").contains("1 withheld")
                    .contains("epochs " + EventFixtures.EPOCH).contains("cosigning");
        }
    }
}
