package org.oversight.domain.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.domain.note.Note;
import org.oversight.domain.note.NoteSignature;
import org.oversight.domain.note.NoteVerificationException;

class CheckpointTest {
    /** c2sp.org/tlog-checkpoint's example; the spec publishes no key for its signature. */
    static final String SPEC_EXAMPLE = "example.com/behind-the-sofa\n"
            + "20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
            + "\n"
            + "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

    static final String ORIGIN = "example.org/oversight/log";

    @Test
    void parsesTheSpecExample() throws Exception {
        SignedCheckpoint signed = SignedCheckpoint.parse(SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8));
        Checkpoint cp = signed.checkpoint();
        assertThat(cp.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(cp.size()).isEqualTo(20852163L);
        assertThat(cp.rootHash().hex()).isEqualTo("0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62");
        assertThat(cp.extensions()).isEmpty();
        assertThat(new String(signed.toBytes(), StandardCharsets.UTF_8)).isEqualTo(SPEC_EXAMPLE);
        assertThat(signed.note().signatures().get(0).keyName()).isEqualTo("example.com/behind-the-sofa");
        assertThat(String.format("%08x", signed.note().signatures().get(0).keyId())).isEqualTo("033de0ae");
    }

    @Test
    void signsAndVerifiesWithTheLogKey() throws Exception {
        Ed25519NoteSigner log = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.fromSeed(new byte[32]));
        Checkpoint cp = Checkpoint.of(ORIGIN, 2, Sha256Digest.hash(new byte[0]), List.of("ext one"));
        SignedCheckpoint signed = SignedCheckpoint.sign(cp, log);
        assertThat(signed.note().text()).isEqualTo(ORIGIN + "\n2\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\n");
        SignedCheckpoint parsed = SignedCheckpoint.parse(signed.toBytes());
        assertThat(parsed.verify(ORIGIN, log.verifier())).isEqualTo(cp);

        assertThatThrownBy(() -> parsed.verify("example.org/other", log.verifier()))
                .isInstanceOf(CheckpointVerificationException.class).hasMessageContaining("example.org/other");
        Ed25519NoteSigner other = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.fromSeed(filled(7)));
        Ed25519NoteSigner misnamed = Ed25519NoteSigner.of("example.org/other", Ed25519PrivateKey.fromSeed(filled(7)));
        assertThatThrownBy(() -> SignedCheckpoint.sign(cp, misnamed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.org/other");
        assertThatThrownBy(() -> parsed.verify(ORIGIN, other.verifier()))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("no signature by a known key");
    }

    @Test
    void otherSignaturesAreIgnoredButTheLogKeyIsRequired() throws Exception {
        Ed25519NoteSigner log = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.fromSeed(filled(1)));
        Ed25519NoteSigner witness = Ed25519NoteSigner.of("witness.example", Ed25519PrivateKey.fromSeed(filled(2)));
        Checkpoint cp = Checkpoint.of(ORIGIN, 0, Sha256Digest.hash(new byte[0]));
        Note cosigned = SignedCheckpoint.sign(cp, log).note().withSignaturesBy(List.of(witness));
        SignedCheckpoint parsed = SignedCheckpoint.parse(cosigned.toBytes());
        assertThat(parsed.verify(ORIGIN, log.verifier())).isEqualTo(cp);

        Note witnessOnly = Note.sign(cp.toNoteText(), List.of(witness));
        SignedCheckpoint unsignedByLog = SignedCheckpoint.fromNote(witnessOnly);
        assertThatThrownBy(() -> unsignedByLog.verify(ORIGIN, log.verifier())).isInstanceOf(NoteVerificationException.class);

        // A bad signature line by the log key fails, even next to a good one.
        String good = new String(cosigned.toBytes(), StandardCharsets.UTF_8);
        String logLine = cosigned.signatures().get(0).toLine();
        String forged = logLine.substring(0, 40) + (logLine.charAt(40) == 'A' ? 'B' : 'A') + logLine.substring(41);
        SignedCheckpoint tampered = SignedCheckpoint.parse((good + forged).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> tampered.verify(ORIGIN, log.verifier())).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void theLogSignatureIsFoundOnAnyLine() throws Exception {
        // format.md §8.3: the log writes its signature first, but verifiers do not depend on the order
        // (c2sp.org/signed-note gives the signature lines no order).
        Ed25519NoteSigner log = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.fromSeed(filled(1)));
        Ed25519NoteSigner witness = Ed25519NoteSigner.of("witness.example", Ed25519PrivateKey.fromSeed(filled(2)));
        Ed25519NoteSigner formerLogKey = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.fromSeed(filled(3)));
        Checkpoint cp = Checkpoint.of(ORIGIN, 0, Sha256Digest.hash(new byte[0]));
        assertThat(SignedCheckpoint.sign(cp, log).note().signatures()).extracting(NoteSignature::keyId)
                .containsExactly(log.keyId());
        Note logLast = Note.sign(cp.toNoteText(), List.of(witness, formerLogKey, log));
        assertThat(logLast.signatures()).extracting(NoteSignature::keyId).last().isEqualTo(log.keyId());
        assertThat(SignedCheckpoint.parse(logLast.toBytes()).verify(ORIGIN, log.verifier())).isEqualTo(cp);
    }

    @Test
    void formatsAndParsesEdgeSizes() throws Exception {
        for (long size : new long[] {0, 1, 9, 10, Long.MAX_VALUE}) {
            Checkpoint cp = Checkpoint.of("o", size, Sha256Digest.hash(new byte[] {1}));
            assertThat(Checkpoint.parse(cp.toNoteText())).isEqualTo(cp);
            assertThat(cp.toNoteText().split("\n")[1]).isEqualTo(Long.toString(size));
        }
    }

    @Test
    void parsingIsStrict() {
        String root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
        String[][] bad = {
                {"o\n1\n" + root, "does not end in a newline"},
                {"o\n1\n", "only 2 lines"},
                {"\n1\n" + root + "\n", "line 1: empty line"},
                {"o\n01\n" + root + "\n", "leading zero"},
                {"o\n00\n" + root + "\n", "leading zero"},
                {"o\n+1\n" + root + "\n", "not a decimal number"},
                {"o\n-1\n" + root + "\n", "not a decimal number"},
                {"o\n1 \n" + root + "\n", "not a decimal number"},
                {"o\n\n" + root + "\n", "line 2: empty line"},
                {"o\n9223372036854775808\n" + root + "\n", "exceeds 2^63-1"},
                {"o\n18446744073709551616\n" + root + "\n", "exceeds 2^63-1"},
                {"o\n1\n" + root.replace("=", "") + "\n", "line 3"},
                {"o\n1\n" + root.replace("2I=", "2J=") + "\n", "non-canonical"},
                {"o\n1\nAAAA\n", "3 bytes, expected 32"},
                {"o\n1\n" + root + "\n\n", "line 4: empty line"},
                {"o\n1\n" + root + "\next\n\n", "line 5: empty line"},
                {"o\u0007\n1\n" + root + "\n", "control character 0x07"},
        };
        for (String[] c : bad) {
            assertThatThrownBy(() -> Checkpoint.parse(c[0])).as(c[0]).isInstanceOf(MalformedCheckpointException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void constructionRejectsTextsThatCannotBeCheckpointLines() {
        Sha256Digest root = Sha256Digest.hash(new byte[0]);
        assertThatThrownBy(() -> Checkpoint.of("", 1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checkpoint.of("a\nb", 1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checkpoint.of("o", -1, root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Checkpoint.of("o", 1, root, List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] filled(int b) {
        byte[] a = new byte[32];
        java.util.Arrays.fill(a, (byte) b);
        return a;
    }

    @SuppressWarnings("unused")
    private static String hex(byte[] b) {
        return Hex.encode(b);
    }
}
