package org.oversight.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.domain.testing.FormatDoc;

/**
 * Recomputes every {@code golden} block of docs/format.md §2 (keys, key ids and signatures) and §8
 * (checkpoints) from the code. Run with {@code -Doversight.golden.update=true} to rewrite those
 * blocks after a deliberate change, then review the diff.
 */
class KeysAndCheckpointsFormatDocTest {
    private static final String LOG_NAME = "example.org/oversight/log";

    @Test
    void goldenBlocksOfSections2And8MatchTheCode() throws Exception {
        Map<String, String> generated = new LinkedHashMap<>();
        generators().forEach((name, generator) -> generated.put(name, generator.get()));
        if (Boolean.getBoolean(FormatDoc.UPDATE_PROPERTY)) {
            FormatDoc.rewrite("2", "3", generated);
            FormatDoc.rewrite("8", "9", generated);
        }
        List<String> problems =
                FormatDoc.differences(FormatDoc.sections("2", "3") + FormatDoc.sections("8", "9"), generated);
        assertThat(problems).as("docs/format.md §2 and §8 golden blocks:\n" + String.join("\n\n", problems))
                .isEmpty();
    }

    private static Map<String, Supplier<String>> generators() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(sequence(0x00));
        Ed25519PrivateKey logKey = Ed25519PrivateKey.fromSeed(sequence(0x20));
        Map<String, Supplier<String>> g = new LinkedHashMap<>();
        g.put("key-from-seed", () -> "seed:        " + Hex.encode(key.exportSeed()) + "\n"
                + "public key:  " + Hex.encode(key.publicKey().toByteArray()) + "\n"
                + "public text: " + key.publicKey().toText() + "\n"
                + "key id:      " + key.publicKey().keyId().hex() + "\n");
        g.put("event-signature", () -> {
            String message = "{\"n\":1,\"type\":\"Example\"}";
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            Ed25519Signature sig = key.sign(SignatureDomain.EVENT_V1, bytes);
            return "domain:       EVENT_V1\n"
                    + "message:      " + jsonString(message) + "\n"
                    + "signed bytes: " + jsonString(new String(SignatureDomain.EVENT_V1.frame(bytes), StandardCharsets.UTF_8)) + "\n"
                    + "signature:    " + sig.hex() + "\n"
                    + "base64:       " + sig.toBase64() + "\n";
        });
        Ed25519NoteSigner exampleSigner = Ed25519NoteSigner.of(LOG_NAME, key);
        g.put("note-keys", () -> "key name:     " + LOG_NAME + "\n"
                + "note key id:  " + String.format("%08x", exampleSigner.keyId()) + "\n"
                + "verifier key: " + exampleSigner.verifier().toVerifierKey() + "\n"
                + "signer key:   " + exampleSigner.exportSignerKey() + "\n"
                + verifierKeySplit(exampleSigner.verifier().toVerifierKey()));
        byte[] leaf0 = Sha256Digest.hash(new byte[] {0x00}, "a".getBytes(StandardCharsets.US_ASCII)).toByteArray();
        byte[] leaf1 = Sha256Digest.hash(new byte[] {0x00}, "b".getBytes(StandardCharsets.US_ASCII)).toByteArray();
        byte[] node = new byte[65];
        node[0] = 0x01;
        System.arraycopy(leaf0, 0, node, 1, 32);
        System.arraycopy(leaf1, 0, node, 33, 32);
        Sha256Digest root = Sha256Digest.hash(node);
        g.put("checkpoint-root", () -> "leaf hash 0: SHA-256(0x00 || \"a\")                       = " + Hex.encode(leaf0) + "\n"
                + "leaf hash 1: SHA-256(0x00 || \"b\")                       = " + Hex.encode(leaf1) + "\n"
                + "root:        SHA-256(0x01 || leaf hash 0 || leaf hash 1) = " + root.hex() + "\n"
                + "root base64: " + StrictBase64.encode(root.toByteArray()) + "\n");
        Ed25519NoteSigner logSigner = Ed25519NoteSigner.of(LOG_NAME, logKey);
        SignedCheckpoint checkpointNote = SignedCheckpoint.sign(Checkpoint.of(LOG_NAME, 2, root), logSigner);
        g.put("checkpoint-note", checkpointNote::toString);
        Ed25519Cosigner witness = Ed25519Cosigner.of("example.org/oversight/witness",
                Ed25519PrivateKey.fromSeed(sequence(0x40)));
        byte[] text = checkpointNote.note().textBytes();
        g.put("cosignature-keys", () -> "key name:    " + witness.verifier().keyName() + "\n"
                + "key id:      " + String.format("%08x", witness.verifier().keyId()) + "\n"
                + "vkey:        " + witness.verifier().toVerifierKey() + "\n");
        g.put("cosignature-message", () -> new String(Cosignature.signedMessage(1_700_000_000L, text),
                StandardCharsets.UTF_8));
        String cosigned = checkpointNote.withCosignatures(List.of(witness.cosign(text, 1_700_000_000L))).toString();
        g.put("cosignature-note", () -> cosigned);
        return g;
    }

    /** The verifier key as parsed: split at its first two '+' only (its base64 contains a '+'). */
    private static String verifierKeySplit(String verifierKey) {
        try {
            Ed25519NoteVerifier parsed = Ed25519NoteVerifier.parse(verifierKey);
            byte[] typed = new byte[33];
            typed[0] = 0x01;
            System.arraycopy(parsed.publicKey().toByteArray(), 0, typed, 1, 32);
            return "parsed:       name '" + parsed.keyName() + "', key id " + String.format("%08x", parsed.keyId())
                    + ", key data '" + StrictBase64.encode(typed) + "'\n";
        } catch (MalformedKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sequence(int first) {
        byte[] seed = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) (first + i);
        }
        return seed;
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
