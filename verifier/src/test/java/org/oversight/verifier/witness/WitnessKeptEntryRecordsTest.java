package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.Template;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.verifier.audit.TestLog;
import org.oversight.verifier.audit.WitnessSealedFixtures;
import org.oversight.verifier.audit.WitnessSealedFixtures.EntryEnd;
import org.oversight.verifier.audit.WitnessSealedFixtures.SealedEntry;

/**
 * Issue #12's last gap: a witness keeps the enrolment record of a schema-2 entry that its epoch's
 * close kept, on disk, for as long as the log keeps it. A restart after the witness destroyed its
 * epoch key re-derives exactly what a witness that never restarted re-derives (same decisions,
 * same cosignatures); a record in the state directory that does not open to its entry's leaf stops
 * the start, naming the entry; and the bytes leave the state directory at the leaf where the log
 * ends the keeping (destruction, withdrawal).
 */
class WitnessKeptEntryRecordsTest {
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

    private LiveAuditor open(Path state) throws Exception {
        return LiveAuditor.open(state, LOG.verifier(), TestLog.ORIGIN, cosigner(), leaves, vault, CLOCK, 10_000);
    }

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
        WitnessResponse r = w.addCheckpoint(new AddCheckpointRequest(from, proof, c.toBytes()).toBody());
        return r;
    }

    /** A witness on {@code state} that has verified the log up to and including the close (its key destroyed). */
    private SealedEntry throughTheClose(Path state, EntryEnd end) throws Exception {
        try (LiveAuditor w = open(state)) {
            SealedEntry log = WitnessSealedFixtures.sealedEntry(recipientOf(w), end);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            WitnessResponse r = add(w, log.leaves(), 0, log.closeLeaf() + 1);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(state.resolve("epoch-keys/" + EventFixtures.EPOCH + ".x25519")).doesNotExist();
            return log;
        }
    }

    /** The live auditor's part of the status line: leaves, decisions derived and agreeing, detections not searched. */
    private static String audited(LiveAuditor w) {
        String s = w.status();
        return s.substring(s.indexOf("; ") + 2, s.indexOf("; sealed records"));
    }

    @Test
    void aRestartAfterTheEpochKeyIsDestroyedReDerivesWhatAWitnessThatNeverRestartedDoes() throws Exception {
        Path never = dir.resolve("never-restarted");
        Path restarted = dir.resolve("restarted");
        try (LiveAuditor w = open(never)) {
            SealedEntry log = WitnessSealedFixtures.sealedEntry(recipientOf(w), EntryEnd.NONE);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            int size = log.leaves().size();
            WitnessResponse closed = add(w, log.leaves(), 0, log.closeLeaf() + 1);
            assertThat(closed.status()).as(closed.body()).isEqualTo(200);
            assertThat(never.resolve("epoch-keys/" + EventFixtures.EPOCH + ".x25519")).doesNotExist();
            copy(never, restarted);  // the same witness, as it would be found on disk after a crash here

            WitnessResponse going = add(w, log.leaves(), log.closeLeaf() + 1, size);
            assertThat(going.status()).as(going.body()).isEqualTo(200);
            assertThat(audited(w)).contains("2 match decisions derived, 2 MatchProposed, 2 agree")
                    .contains("0 detections not searched");

            blobs.clear();  // the vault may have erased it: the restarted witness does not need it
            asked.clear();
            try (LiveAuditor again = open(restarted)) {
                assertThat(again.halted()).isEmpty();
                WitnessResponse after = add(again, log.leaves(), log.closeLeaf() + 1, size);
                assertThat(after.status()).as(after.body()).isEqualTo(200);
                assertThat(audited(again)).isEqualTo(audited(w));
                assertThat(after.body()).isEqualTo(going.body());  // the same cosignature, byte for byte
                assertThat(again.cosignedSize()).isEqualTo(w.cosignedSize());
                assertThat(again.status()).contains("1 entry records read back from the state directory")
                        .contains("0 erased");
                assertThat(asked).isEmpty();
            }
            // And a restart at the end of the log: the same again.
            try (LiveAuditor third = open(restarted)) {
                assertThat(third.halted()).isEmpty();
                assertThat(audited(third)).isEqualTo(audited(w));
            }
        }
    }

    @Test
    void aWitnessThatNeverRestartedAndOneRestartedAfterTheDestructionDeriveTheSameFromItOn() throws Exception {
        Path never = dir.resolve("never-restarted");
        Path restarted = dir.resolve("restarted");
        // A grace of one leaf: a decision derived for the first detection after the destruction and
        // not proposed would be missing (overdue) at the log's end, and halt the witness.
        try (LiveAuditor w = LiveAuditor.open(never, LOG.verifier(), TestLog.ORIGIN, cosigner(), leaves, vault, CLOCK,
                1)) {
            SealedEntry log = WitnessSealedFixtures.sealedEntry(recipientOf(w), EntryEnd.DESTROYED_THEN_SEEN);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            int size = log.leaves().size();
            assertThat(add(w, log.leaves(), 0, log.closeLeaf() + 1).status()).isEqualTo(200);
            WitnessResponse destroyed = add(w, log.leaves(), log.closeLeaf() + 1, log.endLeaf() + 1);
            assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);
            assertThat(never.resolve("entry-records/" + log.entryLeaf() + ".record")).doesNotExist();
            copy(never, restarted);  // the same witness, as a restart right after the destruction finds it

            // It still has the entry's templates in memory; the detections captured inside the entry's
            // window after the destruction are not searched against it: nothing missing, no halt.
            WitnessResponse going = add(w, log.leaves(), log.endLeaf() + 1, size);
            assertThat(going.status()).as(going.body()).isEqualTo(200);
            assertThat(w.halted()).isEmpty();
            assertThat(audited(w)).contains("2 match decisions derived, 2 MatchProposed, 2 agree");

            try (LiveAuditor again = LiveAuditor.open(restarted, LOG.verifier(), TestLog.ORIGIN, cosigner(), leaves,
                    vault, CLOCK, 1)) {
                assertThat(again.halted()).isEmpty();
                WitnessResponse after = add(again, log.leaves(), log.endLeaf() + 1, size);
                assertThat(after.status()).as(after.body()).isEqualTo(200);
                assertThat(after.body()).isEqualTo(going.body());  // the same cosignature, byte for byte
                assertThat(again.cosignedSize()).isEqualTo(w.cosignedSize());
                assertThat(again.halted()).isEmpty();
            }
        }
    }

    @Test
    void aCrashAfterTheKeyWentAndBeforeTheCheckpointWasSavedLosesNoEntryRecord() throws Exception {
        SealedEntry log;
        String expected;
        byte[] beforeTheEntry;
        try (LiveAuditor w = open(dir)) {
            log = WitnessSealedFixtures.sealedEntry(recipientOf(w), EntryEnd.NONE);
            served.addAll(log.leaves());
            blobs.put(log.blobDigestHex(), log.blob());
            assertThat(add(w, log.leaves(), 0, log.entryLeaf()).status()).isEqualTo(200);
            beforeTheEntry = Files.readAllBytes(dir.resolve("checkpoint"));
            assertThat(add(w, log.leaves(), log.entryLeaf(), log.closeLeaf() + 1).status()).isEqualTo(200);
            assertThat(add(w, log.leaves(), log.closeLeaf() + 1, log.leaves().size()).status()).isEqualTo(200);
            expected = audited(w);
        }
        // The batch with the entry and its close, as a crash leaves it after the key was destroyed and
        // before the checkpoint was replaced: the record is written, the checkpoint is the one before.
        Files.write(dir.resolve("checkpoint"), beforeTheEntry);
        blobs.clear();
        try (LiveAuditor again = open(dir)) {
            assertThat(again.cosignedSize()).isEqualTo(log.entryLeaf());
            assertThat(add(again, log.leaves(), log.entryLeaf(), log.closeLeaf() + 1).status()).isEqualTo(200);
            assertThat(add(again, log.leaves(), log.closeLeaf() + 1, log.leaves().size()).status()).isEqualTo(200);
            assertThat(audited(again)).isEqualTo(expected).contains("2 agree");
            assertThat(asked).containsOnly(log.blobDigestHex());  // fetched before the crash, never after
        }
    }

    @Test
    void aKeptEntryRecordIsOwnerOnlyAndHoldsNothingButTheVerifiedRecord() throws Exception {
        SealedEntry log = throughTheClose(dir, EntryEnd.NONE);
        Path file = dir.resolve("entry-records/" + log.entryLeaf() + ".record");
        assertThat(Files.readAllBytes(file)).isEqualTo(log.record().canonicalBytes());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        } else {
            System.out.println("skipping the permission check: the file system has no POSIX permissions");
        }
        try (Stream<Path> all = Files.list(file.getParent())) {
            assertThat(all.map(p -> p.getFileName().toString())).containsExactly(log.entryLeaf() + ".record");
        }
    }

    @Test
    void aKeptEntryRecordChangedOnDiskIsRefusedAtTheStartNamingTheEntry() throws Exception {
        SealedEntry log = throughTheClose(dir, EntryEnd.NONE);
        Path file = dir.resolve("entry-records/" + log.entryLeaf() + ".record");
        assertThat(file).exists();
        // Someone with the state directory swaps in templates of someone else, well formed, for the same entry.
        SealedEnrolmentRecord other = SealedEnrolmentRecord.of(log.record().entry(), List.of(new EnrolmentRecord.Crop(
                new byte[] {1, 2, 3}, personB())), new byte[32]);
        Files.write(file, other.canonicalBytes());
        assertThatThrownBy(() -> open(dir).close()).isInstanceOf(LiveAuditor.WitnessStateException.class)
                .hasMessageContaining("the kept enrolment record of entry wl-2026-0001 (leaf " + log.entryLeaf()
                        + ") in " + file)
                .hasMessageContaining("does not open to the leaf (CommitmentMismatch:")
                .hasMessageContaining("remove the file to go on without it");

        // The command line: exit 2, one line naming the entry (and no template).
        Path key = dir.resolveSibling(dir.getFileName() + ".key");
        Files.writeString(key, cosigner().exportSignerKey() + "\n");
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = org.oversight.verifier.cli.VerifierCli.run(new String[] {"witness", "--log-key",
                LOG.verifier().toVerifierKey(), "--key", "@" + key, "--ledger", "http://127.0.0.1:1", "--state",
                dir.toString()}, new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err,
                        true));
        Files.delete(key);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("verifier: --state: the kept enrolment record of entry wl-2026-0001"
                + " (leaf " + log.entryLeaf() + ")").contains("CommitmentMismatch");
        assertThat(err.toString().strip()).doesNotContain("\n");

        Files.writeString(file, "{\"entry\":\"wl-2026-0001\"}");
        assertThatThrownBy(() -> open(dir).close()).isInstanceOf(LiveAuditor.WitnessStateException.class)
                .hasMessageContaining("entry wl-2026-0001 (leaf " + log.entryLeaf() + ")")
                .hasMessageContaining("is not a sealed enrolment record");

        // Removed, as the message says: the start goes on, the entry's record erased for this witness.
        Files.delete(file);
        try (LiveAuditor w = open(dir)) {
            assertThat(w.halted()).isEmpty();
            assertThat(w.status()).contains("1 erased");
        }
    }

    @Test
    void destroyedKeptRecordsLeaveTheStateDirectoryAtTheirLeaf() throws Exception {
        retention(EntryEnd.DESTROYED);
    }

    @Test
    void aWithdrawnEntrysRecordLeavesTheStateDirectoryAtTheWithdrawal() throws Exception {
        retention(EntryEnd.WITHDRAWN);
    }

    private void retention(EntryEnd end) throws Exception {
        SealedEntry log = throughTheClose(dir, end);
        Template template = log.record().templates().get(0);
        assertThat(stateHolds(template)).as("the template is kept after the close").isTrue();
        try (LiveAuditor w = open(dir)) {
            WitnessResponse live = add(w, log.leaves(), log.closeLeaf() + 1, log.endLeaf());
            assertThat(live.status()).as(live.body()).isEqualTo(200);
            assertThat(stateHolds(template)).as("still live up to leaf " + (log.endLeaf() - 1)).isTrue();
            WitnessResponse ended = add(w, log.leaves(), log.endLeaf(), log.leaves().size());
            assertThat(ended.status()).as(ended.body()).isEqualTo(200);
            assertThat(stateHolds(template)).as("the log ended the keeping at leaf " + log.endLeaf()).isFalse();
            assertThat(w.status()).contains("entry records kept: 0 on disk, 0 in memory");
        }
        try (Stream<Path> files = Files.list(dir.resolve("entry-records"))) {
            assertThat(files).isEmpty();
        }
        try (LiveAuditor again = open(dir)) {
            assertThat(again.halted()).isEmpty();
            assertThat(again.status()).contains("entry records kept: 0 on disk");
        }
    }

    @Test
    void aKeptRecordWhoseKeepingEndedIsDeletedByTheNextStartIfACrashLeftIt() throws Exception {
        SealedEntry log = throughTheClose(dir, EntryEnd.DESTROYED);
        Path file = dir.resolve("entry-records/" + log.entryLeaf() + ".record");
        byte[] kept = Files.readAllBytes(file);
        try (LiveAuditor w = open(dir)) {
            assertThat(add(w, log.leaves(), log.closeLeaf() + 1, log.leaves().size()).status()).isEqualTo(200);
        }
        assertThat(file).doesNotExist();
        // As if the witness had crashed after saving the checkpoint and before deleting the file.
        Files.write(file, kept);
        try (LiveAuditor again = open(dir)) {
            assertThat(again.halted()).isEmpty();
        }
        assertThat(file).doesNotExist();
        assertThat(stateHolds(log.record().templates().get(0))).isFalse();
    }

    /** Whether any file under the state directory holds the template's bytes, raw or in base64. */
    private boolean stateHolds(Template template) throws IOException {
        byte[] raw = template.data();
        byte[] base64 = Base64.getEncoder().encode(raw);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(p);
                if (indexOf(content, raw) >= 0 || indexOf(content, base64) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Person B's template (the fixture's other person), of the entry's model and format. */
    private static Template personB() {
        float[] v = new float[org.oversight.recognition.embed.FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 59) % 97 - 48) / 512f;
        }
        return TestLog.templateOf(v);
    }
}
