package org.oversight.domain.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.internal.ProofVerification;
import org.oversight.domain.testing.SharedTestData;
import org.oversight.domain.testing.VectorJson;

/**
 * Runs every transparency-dev/merkle verification vector (shared/testdata/transparency-dev-merkle)
 * and lists every case whose outcome differs from its {@code wantErr}, by file name.
 *
 * <p>The vectors carry raw byte strings, some deliberately not 32 bytes long (e.g. "preceding
 * garbage" prepends an empty hash); they run against the byte-level verifier that the typed public
 * verifiers delegate to. Where every value is 32 bytes the typed verifiers must agree with it.
 */
class TransparencyDevVectorsTest {

    @Test
    void inclusionVectors() throws IOException {
        Path dir = SharedTestData.requireDir("transparency-dev-merkle/inclusion");
        List<Path> files = jsonFiles(dir);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            try {
                Map<?, ?> c = read(file);
                long index = (Long) c.get("leafIdx");
                long size = (Long) c.get("treeSize");
                byte[] root = b64(c.get("root"));
                byte[] leafHash = b64(c.get("leafHash"));
                byte[][] proof = b64List(c.get("proof"));
                boolean wantErr = (Boolean) c.get("wantErr");
                String err = null;
                try {
                    ProofVerification.verifyInclusion(index, size, leafHash, proof, root);
                } catch (InclusionProofException e) {
                    err = e.getMessage();
                }
                check(failures, name, wantErr, err);
                if (allHashes(proof, root, leafHash)) {
                    String typedErr = null;
                    try {
                        InclusionProofVerifier.verify(index, size, Sha256Digest.of(leafHash), digests(proof),
                                Sha256Digest.of(root));
                    } catch (InclusionProofException e) {
                        typedErr = e.getMessage();
                    }
                    if ((typedErr == null) != (err == null)) {
                        failures.add(name + ": typed verifier disagrees: " + typedErr + " vs " + err);
                    }
                }
            } catch (RuntimeException e) {
                failures.add(name + ": unreadable case: " + e);
            }
        }
        assertThat(files).as("inclusion vectors").hasSizeGreaterThan(80);
        assertThat(failures).as(failures.size() + " of " + files.size() + " inclusion vectors failed:\n"
                + String.join("\n", failures)).isEmpty();
    }

    @Test
    void consistencyVectors() throws IOException {
        Path dir = SharedTestData.requireDir("transparency-dev-merkle/consistency");
        List<Path> files = jsonFiles(dir);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            try {
                Map<?, ?> c = read(file);
                long size1 = (Long) c.get("size1");
                long size2 = (Long) c.get("size2");
                byte[] root1 = b64(c.get("root1"));
                byte[] root2 = b64(c.get("root2"));
                byte[][] proof = b64List(c.get("proof"));
                boolean wantErr = (Boolean) c.get("wantErr");
                String err = null;
                try {
                    ProofVerification.verifyConsistency(size1, size2, proof, root1, root2);
                } catch (ConsistencyProofException e) {
                    err = e.getMessage();
                }
                check(failures, name, wantErr, err);
                if (allHashes(proof, root1, root2)) {
                    String typedErr = null;
                    try {
                        ConsistencyProofVerifier.verify(size1, size2, digests(proof), Sha256Digest.of(root1),
                                Sha256Digest.of(root2));
                    } catch (ConsistencyProofException e) {
                        typedErr = e.getMessage();
                    }
                    if ((typedErr == null) != (err == null)) {
                        failures.add(name + ": typed verifier disagrees: " + typedErr + " vs " + err);
                    }
                }
            } catch (RuntimeException e) {
                failures.add(name + ": unreadable case: " + e);
            }
        }
        assertThat(files).as("consistency vectors").hasSizeGreaterThan(80);
        assertThat(failures).as(failures.size() + " of " + files.size() + " consistency vectors failed:\n"
                + String.join("\n", failures)).isEmpty();
    }

    private static void check(List<String> failures, String name, boolean wantErr, String err) {
        if (wantErr && err == null) {
            failures.add(name + ": accepted, want rejection");
        } else if (!wantErr && err != null) {
            failures.add(name + ": rejected (" + err + "), want acceptance");
        }
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    private static Map<?, ?> read(Path file) throws IOException {
        return (Map<?, ?>) VectorJson.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static byte[] b64(Object value) {
        return Base64.getDecoder().decode((String) value);
    }

    private static byte[][] b64List(Object value) {
        if (value == null) {
            return new byte[0][];
        }
        List<?> list = (List<?>) value;
        byte[][] out = new byte[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = b64(list.get(i));
        }
        return out;
    }

    private static boolean allHashes(byte[][] proof, byte[]... others) {
        for (byte[] h : proof) {
            if (h.length != Sha256Digest.LENGTH) {
                return false;
            }
        }
        for (byte[] h : others) {
            if (h.length != Sha256Digest.LENGTH) {
                return false;
            }
        }
        return true;
    }

    private static List<Sha256Digest> digests(byte[][] proof) {
        List<Sha256Digest> out = new ArrayList<>();
        for (byte[] h : proof) {
            out.add(Sha256Digest.of(h));
        }
        return out;
    }
}
