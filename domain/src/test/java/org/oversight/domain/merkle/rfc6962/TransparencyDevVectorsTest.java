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
        runVectors("inclusion", c -> {
            long index = (Long) c.get("leafIdx");
            long size = (Long) c.get("treeSize");
            byte[] root = b64(c.get("root"));
            byte[] leafHash = b64(c.get("leafHash"));
            byte[][] proof = b64List(c.get("proof"));
            return new Case<>(
                    () -> ProofVerification.verifyInclusion(index, size, leafHash, proof, root),
                    allHashes(proof, root, leafHash)
                            ? () -> InclusionProofVerifier.verify(index, size, Sha256Digest.of(leafHash),
                                    digests(proof), Sha256Digest.of(root))
                            : null);
        });
    }

    @Test
    void consistencyVectors() throws IOException {
        runVectors("consistency", c -> {
            long size1 = (Long) c.get("size1");
            long size2 = (Long) c.get("size2");
            byte[] root1 = b64(c.get("root1"));
            byte[] root2 = b64(c.get("root2"));
            byte[][] proof = b64List(c.get("proof"));
            return new Case<>(
                    () -> ProofVerification.verifyConsistency(size1, size2, proof, root1, root2),
                    allHashes(proof, root1, root2)
                            ? () -> ConsistencyProofVerifier.verify(size1, size2, digests(proof),
                                    Sha256Digest.of(root1), Sha256Digest.of(root2))
                            : null);
        });
    }

    /** A verification that signals rejection with the checked exception {@code E}. */
    @FunctionalInterface
    private interface Verification<E extends Exception> {
        void run() throws E;
    }

    /**
     * One vector bound to its values: the byte-level verification and, where every value is a
     * 32-byte hash, the typed one (else null).
     */
    private record Case<E extends Exception>(Verification<E> raw, Verification<E> typed) {}

    /** Reads one vector's fields; a malformed vector throws an unchecked exception. */
    @FunctionalInterface
    private interface CaseReader<E extends Exception> {
        Case<E> read(Map<?, ?> vector);
    }

    /**
     * Runs every vector under {@code transparency-dev-merkle/<kind>}: the byte-level outcome must
     * match {@code wantErr} and the typed verifier must agree with it; failures are listed by file.
     */
    private static <E extends Exception> void runVectors(String kind, CaseReader<E> reader) throws IOException {
        Path dir = SharedTestData.requireDir("transparency-dev-merkle/" + kind);
        List<Path> files = jsonFiles(dir);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            try {
                Map<?, ?> c = read(file);
                Case<E> vector = reader.read(c);
                boolean wantErr = (Boolean) c.get("wantErr");
                String err = rejection(vector.raw());
                check(failures, name, wantErr, err);
                if (vector.typed() != null) {
                    String typedErr = rejection(vector.typed());
                    if ((typedErr == null) != (err == null)) {
                        failures.add(name + ": typed verifier disagrees: " + typedErr + " vs " + err);
                    }
                }
            } catch (RuntimeException e) {
                failures.add(name + ": unreadable case: " + e);
            }
        }
        System.out.println("transparency-dev " + kind + ": " + files.size() + " vectors run, "
                + failures.size() + " failed");
        assertThat(files).as(kind + " vectors").hasSizeGreaterThan(80);
        assertThat(failures).as(failures.size() + " of " + files.size() + " " + kind + " vectors failed:\n"
                + String.join("\n", failures)).isEmpty();
    }

    /** The rejection message, or null if {@code verification} accepts; unchecked exceptions pass through. */
    private static <E extends Exception> String rejection(Verification<E> verification) {
        try {
            verification.run();
            return null;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            return e.getMessage();
        }
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
