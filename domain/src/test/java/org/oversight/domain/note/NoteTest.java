package org.oversight.domain.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.domain.note.GoNoteVectors.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;

class NoteTest {

    @Test
    void signsTheReferenceNoteByteForByte() throws Exception {
        Ed25519NoteSigner peter = Ed25519NoteSigner.parse(PETER_SIGNER);
        Note note = Note.sign(TEXT, List.of(peter));
        assertThat(note.format()).isEqualTo(TEXT + "\n" + PETER_SIG);
        assertThat(peter.verifier().toVerifierKey()).isEqualTo(PETER_VERIFIER);
        assertThat(peter.exportSignerKey()).isEqualTo(PETER_SIGNER);
        assertThat(peter.toString()).isEqualTo("Ed25519NoteSigner(PeterNeumann+c74f20a3)").doesNotContain("AYEK");
    }

    @Test
    void resigningReplacesTheSameKeysSignature() throws Exception {
        Ed25519NoteSigner peter = Ed25519NoteSigner.parse(PETER_SIGNER);
        Note withEnoch = Note.parse(TEXT + "\n" + ENOCH_SIG + PETER_SIG);
        Note resigned = withEnoch.withSignaturesBy(List.of(peter));
        assertThat(resigned.format()).isEqualTo(TEXT + "\n" + ENOCH_SIG + PETER_SIG);
        assertThat(resigned.signatures()).hasSize(2);
    }

    @Test
    void verifiesKnownAndIgnoresUnknownSignatures() throws Exception {
        Ed25519NoteVerifier peter = Ed25519NoteVerifier.parse(PETER_VERIFIER);
        Ed25519NoteVerifier enoch = Ed25519NoteVerifier.parse(ENOCH_VERIFIER);
        byte[] msg = (TEXT + "\n" + PETER_SIG + ENOCH_SIG).getBytes(StandardCharsets.UTF_8);

        VerifiedNote one = NoteVerifiers.of(peter).open(msg);
        assertThat(one.text()).isEqualTo(TEXT);
        assertThat(one.verifiedSignatures()).extracting(NoteSignature::keyLabel).containsExactly("PeterNeumann+c74f20a3");
        assertThat(one.unverifiedSignatures()).extracting(NoteSignature::keyLabel).containsExactly("EnochRoot+af0cfe78");
        assertThat(one.isSignedBy(enoch)).isFalse();

        VerifiedNote both = NoteVerifiers.of(peter, enoch).open(msg);
        assertThat(both.verifiedSignatures()).hasSize(2);
        assertThat(both.unverifiedSignatures()).isEmpty();
        both.requireSignedBy(enoch);

        assertThatThrownBy(() -> NoteVerifiers.of().open(msg)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no signature by a known key")
                .hasMessageContaining("PeterNeumann+c74f20a3, EnochRoot+af0cfe78");
        assertThatThrownBy(() -> one.requireSignedBy(enoch)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("EnochRoot+af0cfe78");
    }

    @Test
    void aKnownKeysBadSignatureRejectsTheWholeNote() throws Exception {
        Ed25519NoteVerifier peter = Ed25519NoteVerifier.parse(PETER_VERIFIER);
        Ed25519NoteVerifier enoch = Ed25519NoteVerifier.parse(ENOCH_VERIFIER);
        String badPeter = PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
        byte[] msg = (TEXT + "\n" + badPeter + ENOCH_SIG).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> NoteVerifiers.of(peter, enoch).open(msg))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessage("signature by known key PeterNeumann+c74f20a3 does not verify over the note text");
        // Only unknown: the bad one is ignored, Enoch's verifies.
        assertThat(NoteVerifiers.of(enoch).open(msg).verifiedSignatures()).hasSize(1);
        // A repeated signature by a known key must verify too.
        byte[] repeated = (TEXT + "\n" + PETER_SIG + badPeter).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> NoteVerifiers.of(peter).open(repeated)).isInstanceOf(NoteVerificationException.class);
        byte[] twice = (TEXT + "\n" + PETER_SIG + PETER_SIG).getBytes(StandardCharsets.UTF_8);
        assertThat(NoteVerifiers.of(peter).open(twice).verifiedSignatures()).hasSize(1);
    }

    @Test
    void sameNameOrSameIdIsNotTheSameKey() throws Exception {
        Ed25519NoteVerifier peter = Ed25519NoteVerifier.parse(PETER_VERIFIER);
        // Same key id, other name; and same name, other id: both unknown, so ignored.
        String otherName = PETER_SIG.replace("PeterNeumann", "PeterNeuman");
        String otherId = PETER_SIG.replace("x08g", "xxxx");
        Note note = Note.parse(TEXT + "\n" + otherName + otherId + PETER_SIG);
        VerifiedNote v = NoteVerifiers.of(peter).verify(note);
        assertThat(v.verifiedSignatures()).hasSize(1);
        assertThat(v.unverifiedSignatures()).hasSize(2);
    }

    @Test
    void ambiguousVerifierSetsAreRejected() throws Exception {
        Ed25519NoteVerifier peter = Ed25519NoteVerifier.parse(PETER_VERIFIER);
        NoteVerifier impostor = new NoteVerifier() {
            @Override public String keyName() { return "PeterNeumann"; }
            @Override public int keyId() { return 0xc74f20a3; }
            @Override public boolean verify(byte[] text, byte[] signature) { return true; }
        };
        assertThatThrownBy(() -> NoteVerifiers.of(peter, impostor)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PeterNeumann+c74f20a3");
        assertThat(NoteVerifiers.of(peter, Ed25519NoteVerifier.parse(PETER_VERIFIER))).isNotNull();
    }

    @Test
    void rejectsTheReferenceMalformedNotes() {
        List<String> bad = List.of(
                TEXT,
                TEXT + "\n",
                TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n" + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
                TEXT + "\n" + PETER_SIG.repeat(Note.MAX_SIGNATURES + 1));
        for (String msg : bad) {
            assertThatThrownBy(() -> Note.parse(msg)).as(msg).isInstanceOf(MalformedNoteException.class);
        }
        byte[] invalidUtf8 = ("\u00ff" + TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
        invalidUtf8[0] = (byte) 0xff;
        assertThatThrownBy(() -> Note.parse(invalidUtf8)).isInstanceOf(MalformedNoteException.class)
                .hasMessageContaining("invalid UTF-8");
    }

    @Test
    void acceptsSixteenSignaturesAndTheMaximum() throws Exception {
        Ed25519NoteVerifier peter = Ed25519NoteVerifier.parse(PETER_VERIFIER);
        assertThat(NoteVerifiers.of(peter).open((TEXT + "\n" + PETER_SIG.repeat(16)).getBytes(StandardCharsets.UTF_8))
                .verifiedSignatures()).hasSize(1);
        assertThat(Note.parse(TEXT + "\n" + PETER_SIG.repeat(Note.MAX_SIGNATURES)).signatures()).hasSize(100);
    }

    @Test
    void textIsSeparatedByTheLastBlankLine() throws Exception {
        Note note = Note.parse(C2SP_NOTE_EXAMPLE);
        assertThat(note.text()).isEqualTo("Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n");
        assertThat(note.signatures()).hasSize(1);
        NoteSignature sig = note.signatures().get(0);
        assertThat(sig.keyName()).isEqualTo("quasimodo.example/salvatore");
        assertThat(String.format("%08x", sig.keyId())).isEqualTo("367ba04b");
        assertThat(sig.signature()).hasSize(64);
        assertThat(note.format()).isEqualTo(C2SP_NOTE_EXAMPLE);
        // The spec publishes no key for it: with only other keys known it must be rejected.
        assertThatThrownBy(() -> NoteVerifiers.of(Ed25519NoteVerifier.parse(PETER_VERIFIER)).verify(note))
                .isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void signingRejectsBadTexts() throws Exception {
        Ed25519NoteSigner peter = Ed25519NoteSigner.parse(PETER_SIGNER);
        for (String text : new String[] {"", "abc", "a\tb\n", "a\u0000\n", "\ud800\n"}) {
            assertThatThrownBy(() -> Note.sign(text, List.of(peter))).as(text).isInstanceOf(MalformedNoteException.class);
        }
        assertThatThrownBy(() -> Note.sign(TEXT, List.of())).isInstanceOf(MalformedNoteException.class);
        // Texts with blank lines, even at the end, still round-trip.
        for (String text : new String[] {"\n", "a\n\n", "a\n\nb\n", "\n\n\n"}) {
            Note note = Note.sign(text, List.of(peter));
            assertThat(Note.parse(note.toBytes()).text()).isEqualTo(text);
            NoteVerifiers.of(peter.verifier()).verify(Note.parse(note.toBytes()));
        }
    }

    @Test
    void keyNamesFollowTheSpec() {
        assertThat(NoteKeyNames.isValid("example.com/log42")).isTrue();
        assertThat(NoteKeyNames.isValid("ünïcödé")).isTrue();
        for (String bad : new String[] {"", "a+b", "a b", "a\u00a0b", "a\u2003b", "a\u3000b", "a\u0085b", "a\tb", "a\u2028b"}) {
            assertThat(NoteKeyNames.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void verifierKeyManglingsAreRejected() throws Exception {
        assertThat(Ed25519NoteVerifier.parse(PETER_VERIFIER).keyId()).isEqualTo(0xc74f20a3);
        List<String> accepted = new ArrayList<>();
        for (String k : manglings(PETER_VERIFIER)) {
            try {
                Ed25519NoteVerifier.parse(k);
                accepted.add(k);
            } catch (MalformedKeyException expected) {
                // expected
            }
        }
        for (String k : List.of(
                "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
                "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")) {
            try {
                Ed25519NoteVerifier.parse(k);
                accepted.add(k);
            } catch (MalformedKeyException expected) {
                // expected
            }
        }
        assertThat(accepted).as("mangled verifier keys accepted").isEmpty();
    }

    @Test
    void signerKeyManglingsAreRejectedWithoutLeakingTheSeed() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<String> leaked = new ArrayList<>();
        String seedBase64 = PETER_SIGNER.split("\\+", 5)[4];
        for (String k : manglings(PETER_SIGNER)) {
            try {
                Ed25519NoteSigner.parse(k);
                accepted.add(k);
            } catch (MalformedKeyException e) {
                if (e.getMessage().contains(seedBase64.substring(4, 20))) {
                    leaked.add(e.getMessage());
                }
            }
        }
        assertThat(accepted).as("mangled signer keys accepted").isEmpty();
        assertThat(leaked).as("error messages containing the seed").isEmpty();
    }

    @Test
    void keysAreSplitAtTheirFirstTwoPlusSignsOnly() throws Exception {
        // format.md §2.5: the base64 key data may contain '+'; only the first two '+' separate fields.
        int withPlus = 0;
        for (int fill = 0; fill < 256 && withPlus < 8; fill++) {
            byte[] seed = new byte[32];
            java.util.Arrays.fill(seed, (byte) fill);
            Ed25519NoteSigner signer = Ed25519NoteSigner.of("example.org/log", Ed25519PrivateKey.fromSeed(seed));
            String verifierKey = signer.verifier().toVerifierKey();
            String signerKey = signer.exportSignerKey();
            String verifierData = verifierKey.substring(verifierKey.indexOf('+', verifierKey.indexOf('+') + 1) + 1);
            String signerData = signerKey.substring("PRIVATE+KEY+example.org/log+".length() + 9);
            if (!verifierData.contains("+") && !signerData.contains("+")) {
                continue;
            }
            withPlus++;
            assertThat(Ed25519NoteVerifier.parse(verifierKey)).as(verifierKey).isEqualTo(signer.verifier());
            Ed25519NoteSigner parsed = Ed25519NoteSigner.parse(signerKey);
            assertThat(parsed.verifier()).as("signer key of seed fill %d", fill).isEqualTo(signer.verifier());
            assertThat(parsed.exportSignerKey()).isEqualTo(signerKey);
        }
        assertThat(withPlus).as("seeds whose key data contain '+'").isEqualTo(8);
        // A '+' before the key id moves every field: rejected, not re-split.
        assertThatThrownBy(() -> Ed25519NoteVerifier.parse("a+" + PETER_VERIFIER))
                .isInstanceOf(MalformedKeyException.class).hasMessageContaining("verifier key id");
    }

    @Test
    void generatedKeysRoundTrip() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(new java.security.SecureRandom());
        Ed25519NoteSigner signer = Ed25519NoteSigner.of("EnochRoot", key);
        Ed25519NoteSigner parsed = Ed25519NoteSigner.parse(signer.exportSignerKey());
        Ed25519NoteVerifier verifier = Ed25519NoteVerifier.parse(signer.verifier().toVerifierKey());
        assertThat(parsed.keyId()).isEqualTo(verifier.keyId());
        Note note = Note.sign("hi\n", List.of(parsed));
        NoteVerifiers.of(verifier).verify(note).requireSignedBy(verifier);
        assertThatThrownBy(() -> Ed25519NoteSigner.of("bad name", key)).isInstanceOf(MalformedKeyException.class);
    }

    /** Every proper substring and every one-character increment, as Go's note_test.go does. */
    private static List<String> manglings(String key) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= key.length(); i++) {
            for (int j = i + 1; j <= key.length(); j++) {
                if (i != 0 || j != key.length()) {
                    out.add(key.substring(i, j));
                }
            }
        }
        char[] c = key.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i]++;
            out.add(new String(c));
            c[i]--;
        }
        return out;
    }
}
