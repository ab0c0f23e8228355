package org.oversight.domain.seal;

import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.StreamId;

/**
 * The golden error messages of opening (docs/format.md §12.5): one case per stage, on the worked
 * example, each with the exception class and its message.
 */
final class SealOpeningErrors {
    private SealOpeningErrors() {}

    interface Case {
        void run() throws RecordOpeningException;
    }

    static String lines() {
        byte[] blob = SealFormatGoldens.sealed().blob().canonicalBytes();
        SealedFaceDetected leaf = SealFormatGoldens.leaf();
        X25519PrivateKey vault = EventFixtures.x25519(EventFixtures.VAULT_X25519);
        X25519PrivateKey witness = EventFixtures.x25519(EventFixtures.WITNESS_X25519);
        StreamId stream = SealFixtures.STREAM;
        long seq = SealFormatGoldens.SEQ;
        byte[] notJson = "{\"v\":1}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        StringBuilder sb = new StringBuilder();
        add(sb, "blob digest", () -> RecordOpener.open(blob, with(leaf, Sha256Digest.hash(new byte[0]),
                leaf.sealed().commitment()), stream, seq, "vault", vault));
        add(sb, "malformed blob", () -> RecordOpener.open(notJson, with(leaf, Sha256Digest.hash(notJson),
                leaf.sealed().commitment()), stream, seq, "vault", vault));
        add(sb, "another seq", () -> RecordOpener.open(blob, leaf, stream, seq + 1, "vault", vault));
        add(sb, "not a recipient", () -> RecordOpener.open(blob, leaf, stream, seq, "witness-2", witness));
        add(sb, "wrong key", () -> RecordOpener.open(blob, leaf, stream, seq, "vault", witness));
        add(sb, "commitment", () -> RecordOpener.open(blob, with(leaf, leaf.sealed().blobDigest(),
                Sha256Digest.hash(new byte[0])), stream, seq, "vault", vault));
        return sb.toString();
    }

    private static SealedFaceDetected with(SealedFaceDetected d, Sha256Digest blob, Sha256Digest commitment) {
        return new SealedFaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(), d.modelId(),
                d.templateFormat(), d.quality(), new SealedRecordRef(blob, commitment, d.sealed().epoch()));
    }

    private static void add(StringBuilder sb, String name, Case c) {
        try {
            c.run();
            throw new AssertionError(name + ": opened");
        } catch (RecordOpeningException e) {
            sb.append(name).append(": ").append(e.getClass().getSimpleName()).append(": ").append(e.getMessage())
                    .append('\n');
        }
    }
}
