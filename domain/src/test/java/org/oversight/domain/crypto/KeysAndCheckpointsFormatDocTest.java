package org.oversight.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.note.Ed25519NoteSigner;

/**
 * Recomputes every {@code golden} block of docs/format.md §2 (keys, key ids and signatures) and §8
 * (checkpoints) from the code. Run with {@code -Doversight.golden.update=true} to rewrite those
 * blocks after a deliberate change, then review the diff.
 */
class KeysAndCheckpointsFormatDocTest {
    private static final String LOG_NAME = "example.org/oversight/log";
    private static final Pattern BLOCK = Pattern.compile("(?m)^```golden ([a-z0-9-]+)\\n(.*?)^```$", Pattern.DOTALL);

    @Test
    void goldenBlocksOfSections2And8MatchTheCode() throws Exception {
        Map<String, Supplier<String>> generators = generators();
        Path doc = formatDoc();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        StringBuilder updated = new StringBuilder();
        int copied = 0;
        for (String section : new String[] {"## 2. ", "## 8. "}) {
            int start = text.indexOf("\n" + section) + 1;
            int end = text.indexOf("\n## ", start + 1) + 1;
            assertThat(start).as("section " + section + " in " + doc).isPositive();
            Matcher m = BLOCK.matcher(text.substring(start, end));
            while (m.find()) {
                String name = m.group(1);
                seen.add(name);
                Supplier<String> generator = generators.get(name);
                if (generator == null) {
                    problems.add("golden block '" + name + "' has no generator in this test");
                    continue;
                }
                String expected = generator.get();
                if (!expected.equals(m.group(2))) {
                    problems.add("golden block '" + name + "' differs from the code; the code gives:\n" + expected);
                }
                updated.append(text, copied, start + m.start(2)).append(expected);
                copied = start + m.end(2);
            }
        }
        updated.append(text.substring(copied));
        for (String name : generators.keySet()) {
            if (!seen.contains(name)) {
                problems.add("golden block '" + name + "' is missing from sections 2 and 8");
            }
        }
        if (Boolean.getBoolean("oversight.golden.update") && !updated.toString().equals(text)) {
            Files.writeString(doc, updated.toString(), StandardCharsets.UTF_8);
            System.err.println("rewrote golden blocks in " + doc);
            return;
        }
        assertThat(problems).as("docs/format.md §2 and §8 golden blocks").isEmpty();
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
                + "signer key:   " + exampleSigner.exportSignerKey() + "\n");
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
        g.put("checkpoint-note", () -> SignedCheckpoint.sign(Checkpoint.of(LOG_NAME, 2, root), logSigner).toString());
        return g;
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

    /** docs/format.md of this repository, found by walking up from the working directory. */
    static Path formatDoc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs").resolve("format.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IOException("docs/format.md not found above " + Path.of("").toAbsolutePath());
    }
}
