package org.oversight.domain.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;

/**
 * C2SP tlog-cosignature/v1. The expected vkey and signature line come from an independent
 * implementation written from the spec in Go (src/test/go/cosignature/main.go: crypto/ed25519,
 * key id and message built by hand), whose line also verifies with golang.org/x/mod/sumdb/note's
 * {@code note.Open} through a {@code note.Verifier} for type 0x04. Neither x/mod nor any other
 * Debian-packaged Go module implements cosignature/v1 itself.
 */
class CosignatureTest {
    static final String WITNESS = "example.org/oversight/witness";
    static final String GO_VKEY = "example.org/oversight/witness+1fa1afa1+BCVDuS/xCVURR2rcg2nbbdyTNmWhGXjdoUBO4QZsqVWd";
    static final String GO_LINE = "— example.org/oversight/witness H6GvoQAAAABlU/EAkNKatHhrZ6UYlj4iynud1wbZ6gLpBIsLXIoUH0fWzwBDra2sBYekH9Fci26PDeztzGAYRZDLxls0sgYFSEZTDw==\n";
    static final String TEXT = "example.org/oversight/log\n2\nsTeYX/SE+2ANuTEHx3sDZcgNePW0Kd7Q/Zc2HQd5mes=\n";
    static final String LOG_LINE = "— example.org/oversight/log ++PXWC1zSGJCuQFj2CKUKgODlMYucdu6YaS9HYcgm1K1wOaGy/AdfE4qSn6G1+X14s/L9iF+wNwz5GhGcCxTH/MdDwQ=\n";
    static final long TIME = 1_700_000_000L;

    static Ed25519Cosigner cosigner() throws MalformedKeyException {
        byte[] seed = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) (0x40 + i);
        }
        return Ed25519Cosigner.of(WITNESS, Ed25519PrivateKey.fromSeed(seed));
    }

    private static byte[] text() {
        return TEXT.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signingMatchesTheIndependentGoImplementation() throws Exception {
        Ed25519Cosigner c = cosigner();
        assertThat(c.verifier().toVerifierKey()).isEqualTo(GO_VKEY);
        assertThat(c.cosign(text(), TIME).toLine()).isEqualTo(GO_LINE);
    }

    @Test
    void signedMessageIsHeaderTimeLineAndCheckpointText() {
        assertThat(new String(Cosignature.signedMessage(TIME, text()), StandardCharsets.UTF_8))
                .isEqualTo("cosignature/v1\ntime 1700000000\n" + TEXT);
        assertThat(new String(Cosignature.signedMessage(0, text()), StandardCharsets.UTF_8))
                .startsWith("cosignature/v1\ntime 0\n");
        assertThatThrownBy(() -> Cosignature.signedMessage(-1, text())).hasMessageContaining("-1 < 0");
    }

    @Test
    void verifiesTheGoLineAndReadsItsTimestamp() throws Exception {
        Note note = Note.parse(TEXT + "\n" + LOG_LINE + GO_LINE);
        Ed25519CosignatureVerifier w = Ed25519CosignatureVerifier.parse(GO_VKEY);
        Cosignature c = w.verify(note.textBytes(), note.signatures().get(1));
        assertThat(c.timestamp()).isEqualTo(TIME);
        assertThat(c.keyLabel()).isEqualTo("example.org/oversight/witness+1fa1afa1");
        // As a NoteVerifier in the signed-note rules, next to the log's key.
        VerifiedNote v = NoteVerifiers.of(w).verify(note);
        assertThat(v.isSignedBy(w)).isTrue();
        assertThat(v.unverifiedSignatures()).hasSize(1);
    }

    @Test
    void rejectsAnotherTextTimeOrKeyAndBadLengths() throws Exception {
        Ed25519CosignatureVerifier w = Ed25519CosignatureVerifier.parse(GO_VKEY);
        NoteSignature line = Note.parse(TEXT + "\n" + GO_LINE).signatures().get(0);
        byte[] other = TEXT.replace("\n2\n", "\n3\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> w.verify(other, line)).isInstanceOf(CosignatureVerificationException.class)
                .hasMessage("cosignature by example.org/oversight/witness+1fa1afa1 at time 1700000000 does not verify"
                        + " over the checkpoint text");
        byte[] raw = line.signature();
        raw[7] ^= 1; // the timestamp is signed
        NoteSignature retimed = NoteSignature.of(line.keyName(), line.keyId(), raw);
        assertThatThrownBy(() -> w.verify(text(), retimed)).hasMessageContaining("at time 1700000001 does not verify");
        NoteSignature shortLine = NoteSignature.of(line.keyName(), line.keyId(), new byte[64]);
        assertThatThrownBy(() -> w.verify(text(), shortLine)).hasMessage("cosignature by"
                + " example.org/oversight/witness+1fa1afa1 has 64 bytes after the key id, not 72 (timestamp and"
                + " Ed25519 signature)");
        byte[] huge = new byte[72];
        huge[0] = (byte) 0x80;
        NoteSignature future = NoteSignature.of(line.keyName(), line.keyId(), huge);
        assertThatThrownBy(() -> w.verify(text(), future)).hasMessageContaining("timestamp 9223372036854775808 > 2^63-1");
        NoteSignature stranger = NoteSignature.of("example.org/other", line.keyId(), line.signature());
        assertThatThrownBy(() -> w.verify(text(), stranger)).hasMessageContaining("is not by witness key");
    }

    @Test
    void aLogKeyAndAWitnessKeyOverTheSameEd25519KeyHaveDifferentIds() throws Exception {
        Ed25519Cosigner c = cosigner();
        Ed25519NoteVerifier asLogKey = Ed25519NoteVerifier.of(WITNESS, c.verifier().publicKey());
        assertThat(asLogKey.keyId()).isNotEqualTo(c.verifier().keyId());
    }

    @Test
    void vkeyAndSignerKeyRoundTripAndParseStrictly() throws Exception {
        Ed25519Cosigner c = cosigner();
        assertThat(Ed25519Cosigner.parse(c.exportSignerKey()).verifier()).isEqualTo(c.verifier());
        assertThat(c.toString()).doesNotContain(c.exportSignerKey().substring(c.exportSignerKey().lastIndexOf('+')));
        String logTyped = "example.org/oversight/witness+1fa1afa1+" + StrictBase64.encode(
                concat(new byte[] {0x01}, c.verifier().publicKey().toByteArray()));
        assertThatThrownBy(() -> Ed25519CosignatureVerifier.parse(logTyped)).isInstanceOf(MalformedKeyException.class)
                .hasMessage("witness key: unsupported signature type 0x01 (only 0x04, Ed25519 cosignature/v1)");
        assertThatThrownBy(() -> Ed25519CosignatureVerifier.parse(GO_VKEY.replace("1fa1afa1", "1fa1afa2")))
                .hasMessage("witness key id 1fa1afa2 != computed 1fa1afa1 for key name 'example.org/oversight/witness'");
        assertThatThrownBy(() -> Ed25519NoteVerifier.parse(GO_VKEY))
                .hasMessageContaining("unsupported signature type 0x04 (only 0x01, Ed25519)");
    }

    @Test
    void attachingCosignaturesKeepsTheLogSignatureFirstAndItsVerification() throws Exception {
        SignedCheckpoint signed = SignedCheckpoint.parse((TEXT + "\n" + LOG_LINE).getBytes(StandardCharsets.UTF_8));
        Cosignature c = cosigner().cosign(text(), TIME);
        SignedCheckpoint cosigned = signed.withCosignatures(List.of(c));
        assertThat(cosigned.toString()).isEqualTo(TEXT + "\n" + LOG_LINE + GO_LINE);
        // Replacing: a second cosignature by the same witness supersedes the first.
        SignedCheckpoint again = cosigned.withCosignatures(List.of(cosigner().cosign(text(), TIME + 1)));
        assertThat(again.note().signatures()).hasSize(2);
        assertThat(Cosignature.parse(again.note().signatures().get(1)).timestamp()).isEqualTo(TIME + 1);
    }

    @Test
    void fuzzedCosignatureLinesOnlyFailWithDeclaredExceptions() throws Exception {
        Ed25519CosignatureVerifier w = Ed25519CosignatureVerifier.parse(GO_VKEY);
        NoteSignature line = Note.parse(TEXT + "\n" + GO_LINE).signatures().get(0);
        Random random = new Random(13);
        int accepted = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] raw = line.signature();
            if (random.nextInt(4) == 0) {
                raw = java.util.Arrays.copyOf(raw, 1 + random.nextInt(100));
            }
            raw[random.nextInt(raw.length)] ^= (byte) (1 + random.nextInt(255));
            try {
                w.verify(text(), NoteSignature.of(line.keyName(), line.keyId(), raw));
                accepted++;
            } catch (CosignatureVerificationException expected) {
                assertThat(expected.getMessage()).contains(WITNESS);
            }
        }
        assertThat(accepted).isZero();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
