package org.oversight.domain.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.note.Ed25519NoteSigner;

/**
 * format.md §1.3 and §11.1: a bundle's limits are its own (16 MiB, depth 11), not the 4 MiB and
 * depth 64 of the parser's default for JSON that has no limit of its own.
 */
class EvidenceBundleLimitsTest {
    private static final String ORIGIN = "example.org/oversight/log";

    /** A bundle whose reader-level form is valid, with {@code events} leaves of {@code leafBytes}-ish bytes. */
    private static byte[] bundle(int events, int leafChars) throws Exception {
        Ed25519NoteSigner log = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.fromSeed(new byte[32]));
        SignedCheckpoint checkpoint = SignedCheckpoint.sign(
                Checkpoint.of(ORIGIN, events, Sha256Digest.hash(new byte[] {1})), log);
        List<JsonValue> entries = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            entries.add(JsonObject.builder()
                    .put("hashes", JsonArray.empty())
                    .put("leaf", JsonObject.builder().put("x", JsonString.of("a".repeat(leafChars))).build())
                    .put("leafIndex", JsonNumber.of(i))
                    .put("treeSize", JsonNumber.of(events))
                    .build());
        }
        JsonObject snapshot = JsonObject.builder()
                .put("entry", "entry-1")
                .put("hashes", JsonArray.empty())
                .put("leafData", JsonString.ofBase64(new byte[] {1, 2, 3}))
                .put("leafIndex", JsonNumber.of(0))
                .put("root", Sha256Digest.hash(new byte[0]).hex())
                .put("size", JsonNumber.of(1))
                .build();
        return CanonicalJson.encode(JsonObject.builder()
                .put("checkpoint", new String(checkpoint.toBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .put("events", JsonArray.of(entries))
                .put("format", EvidenceBundle.FORMAT)
                .put("match", "match-1")
                .put("snapshot", snapshot)
                .build());
    }

    @Test
    void aBundleLargerThanTheParsersDefaultLimitIsRead() throws Exception {
        byte[] big = bundle(80, 65_000);
        assertThat(big.length).as("bundle size").isGreaterThan(JsonLimits.DEFAULT.maxBytes())
                .isLessThanOrEqualTo(EvidenceBundle.MAX_BYTES);
        assertThat(EvidenceBundle.parse(big).events()).hasSize(80);
    }

    @Test
    void aBundleOverSixteenMebibytesIsRefusedBeforeParsing() {
        byte[] tooBig = new byte[EvidenceBundle.MAX_BYTES + 1];
        assertThatThrownBy(() -> EvidenceBundle.parse(tooBig)).isInstanceOf(MalformedBundleException.class)
                .hasMessage("bundle of 16777217 bytes > 16777216");
    }
}
