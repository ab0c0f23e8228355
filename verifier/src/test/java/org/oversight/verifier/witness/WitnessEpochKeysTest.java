package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PrivateKey;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.verifier.audit.TestLog;
import org.oversight.verifier.audit.WitnessFixtures;

/** SEAL-SPEC §7: the witness's X25519 key per epoch, its proof of possession, and its destruction. */
class WitnessEpochKeysTest {
    @TempDir
    Path dir;

    private static Ed25519Cosigner cosigner() throws Exception {
        byte[] seed = new byte[32];
        seed[1] = 3;
        return Ed25519Cosigner.of("witness.example/w1", Ed25519PrivateKey.fromSeed(seed));
    }

    private WitnessEpochKeys keys() throws Exception {
        return new WitnessEpochKeys(dir, cosigner(), "witness-w1", new SecureRandom());
    }

    @Test
    void oneKeyPerEpochWithAProofMadeByTheWitnessKeyKeptAcrossRestarts() throws Exception {
        EpochRecipient.Witness first = keys().recipientFor("epoch-2026-12-06T16");
        first.verifyProof("epoch-2026-12-06T16");
        assertThat(first.recipient()).isEqualTo("witness-w1");
        assertThat(first.witnessKey()).isEqualTo(cosigner().verifier().toVerifierKey());
        // The proof binds the epoch: it does not verify for another.
        assertThatThrownBy(() -> first.verifyProof("epoch-2026-12-06T17")).isInstanceOf(Exception.class);
        // Same key after a restart; another epoch gets another key.
        WitnessEpochKeys again = keys();
        assertThat(again.recipientFor("epoch-2026-12-06T16").publicKey()).isEqualTo(first.publicKey());
        assertThat(again.recipientFor("epoch-2026-12-06T17").publicKey()).isNotEqualTo(first.publicKey());
        X25519PrivateKey key = again.key("epoch-2026-12-06T16").orElseThrow();
        assertThat(key.publicKey()).isEqualTo(first.publicKey());
        Path file = dir.resolve("epoch-keys/epoch-2026-12-06T16.x25519");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aDestroyedKeyIsGoneAndNeverGeneratedAgain() throws Exception {
        WitnessEpochKeys keys = keys();
        keys.recipientFor("e1");
        keys.destroy("e1");
        assertThat(dir.resolve("epoch-keys/e1.x25519")).doesNotExist();
        assertThat(keys.key("e1")).isEmpty();
        assertThat(keys().destroyed("e1")).isTrue();
        assertThatThrownBy(() -> keys().recipientFor("e1")).isInstanceOf(WitnessEpochKeys.EpochKeyException.class)
                .hasMessageContaining("destroyed");
        keys.destroy("e1");  // idempotent
    }

    @Test
    void badEpochIdsAndRecipientIdsAreRefused() throws Exception {
        assertThatThrownBy(() -> keys().recipientFor("../etc")).isInstanceOf(WitnessEpochKeys.EpochKeyException.class)
                .hasMessageContaining("../etc");
        assertThatThrownBy(() -> new WitnessEpochKeys(dir, cosigner(), "a/b", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/b");
    }

    @Test
    void theWitnessDestroysItsEpochKeyOnceItHasReplayedTheEpochsClose() throws Exception {
        Ed25519NoteSigner log = TestLog.logKey(TestLog.LOG_SEED);
        List<byte[]> leaves = WitnessFixtures.withEpoch();
        int closeLeaf = leaves.size() - 1;
        java.util.ArrayList<byte[]> served = new java.util.ArrayList<>(leaves);
        LeafSource source = (from, to) -> new java.util.ArrayList<>(served.subList((int) from, (int) to));
        try (LiveAuditor w = LiveAuditor.open(dir, log.verifier(), TestLog.ORIGIN, cosigner(), source,
                Clock.fixed(Instant.parse("2026-12-06T16:00:00Z"), ZoneOffset.UTC), 10_000)) {
            assertThat(w.epochKey(WitnessFixtures.EPOCH).status()).isEqualTo(200);
            SignedCheckpoint open = TestLog.checkpoint(leaves.subList(0, closeLeaf), log);
            WitnessResponse first = w.addCheckpoint(new AddCheckpointRequest(0, List.of(), open.toBytes()).toBody());
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(dir.resolve("epoch-keys/" + WitnessFixtures.EPOCH + ".x25519")).exists();
            SignedCheckpoint closed = TestLog.checkpoint(leaves, log);
            WitnessResponse second = w.addCheckpoint(new AddCheckpointRequest(closeLeaf,
                    MerkleTree.ofLeaves(leaves).consistencyProof(closeLeaf, leaves.size()).hashes(),
                    closed.toBytes()).toBody());
            assertThat(second.status()).as(second.body()).isEqualTo(200);
            assertThat(dir.resolve("epoch-keys/" + WitnessFixtures.EPOCH + ".x25519")).doesNotExist();
            assertThat(w.epochKey(WitnessFixtures.EPOCH).status()).isEqualTo(410);
        }
    }

    @Test
    void servedOverHttpAsTheRecipientObjectOfTheEpochEvent() throws Exception {
        Ed25519NoteSigner log = TestLog.logKey(TestLog.LOG_SEED);
        LeafSource none = (from, to) -> List.of();
        HttpClient http = HttpClient.newHttpClient();
        try (LiveAuditor w = LiveAuditor.open(dir, log.verifier(), TestLog.ORIGIN, cosigner(), none,
                Clock.fixed(Instant.parse("2026-12-06T16:00:00Z"), ZoneOffset.UTC), 10_000);
                WitnessServer server = WitnessServer.start(new InetSocketAddress("127.0.0.1", 0), w)) {
            String base = "http://127.0.0.1:" + server.port() + "/epoch-key";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "?epoch=e-42")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            JsonObject o = (JsonObject) JsonParser.parse(body, new JsonLimits(8, body.length));
            assertThat(o.requireString("kind")).isEqualTo("witness");
            assertThat(o.requireString("recipient")).isEqualTo(LiveAuditor.defaultRecipient(cosigner()));
            assertThat(o.requireString("witnessKey")).isEqualTo(cosigner().verifier().toVerifierKey());
            assertThat(o.requireString("publicKey")).startsWith("x25519:");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "?epoch=%2F%2F")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "?epoch=e-42"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);
        }
    }
}
