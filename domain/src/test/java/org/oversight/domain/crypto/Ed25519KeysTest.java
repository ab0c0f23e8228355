package org.oversight.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;

class Ed25519KeysTest {
    private static final byte[] SEED = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static byte[] hex(String s) {
        try {
            return Hex.decode(s);
        } catch (Hex.MalformedHexException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void domainSignatureVerifiesOnlyInItsDomain() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED);
        byte[] msg = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Ed25519Signature sig = key.sign(SignatureDomain.EVENT_V1, msg);
        key.publicKey().verify(SignatureDomain.EVENT_V1, msg, sig);

        byte[] framed = ("oversight/event/v1\n{\"a\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(RawEd25519.verify(key.publicKey(), framed, sig.toByteArray())).as("signed bytes are prefix||message").isTrue();
        assertThat(RawEd25519.verify(key.publicKey(), msg, sig.toByteArray())).as("no raw verification without prefix").isFalse();
        Ed25519Signature raw = RawEd25519.sign(key, msg);
        assertThatThrownBy(() -> key.publicKey().verify(SignatureDomain.EVENT_V1, msg, raw))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining(key.publicKey().keyId().hex());
    }

    @Test
    void framedVerificationIsTheSameCheckAndRequiresTheFrame() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED);
        byte[] msg = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Ed25519Signature sig = key.sign(SignatureDomain.EVENT_V1, msg);
        byte[] framed = SignatureDomain.EVENT_V1.frame(msg);
        assertThat(SignatureDomain.EVENT_V1.frame(msg, 4, Arrays.copyOfRange(msg, 4, msg.length))).isEqualTo(framed);
        key.publicKey().verifyFramed(SignatureDomain.EVENT_V1, framed, sig);

        byte[] tampered = framed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> key.publicKey().verifyFramed(SignatureDomain.EVENT_V1, tampered, sig))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining(key.publicKey().keyId().hex())
                .hasMessageContaining(" in domain EVENT_V1 over a message of " + msg.length + " bytes");
        Ed25519Signature raw = RawEd25519.sign(key, msg);
        assertThatThrownBy(() -> key.publicKey().verifyFramed(SignatureDomain.EVENT_V1, msg, raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not framed in domain EVENT_V1");
    }

    @Test
    void verificationFailureNamesTheKeyId() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED);
        byte[] msg = {1, 2, 3};
        Ed25519Signature sig = key.sign(SignatureDomain.EVENT_V1, msg);
        byte[] other = {1, 2, 4};
        SignatureVerificationException e = org.junit.jupiter.api.Assertions.assertThrows(
                SignatureVerificationException.class,
                () -> key.publicKey().verify(SignatureDomain.EVENT_V1, other, sig));
        assertThat(e.keyId()).isEqualTo(key.publicKey().keyId());
        assertThat(e.getMessage()).contains(key.publicKey().keyId().hex()).contains("EVENT_V1");
    }

    @Test
    void keyIdIsTruncatedPrefixedHashOfTheKey() throws Exception {
        Ed25519PublicKey pk = Ed25519PrivateKey.fromSeed(SEED).publicKey();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update("oversight/key/v1\n".getBytes(StandardCharsets.US_ASCII));
        md.update((byte) 1);
        md.update(pk.toByteArray());
        assertThat(pk.keyId().hex()).isEqualTo(Hex.encode(Arrays.copyOf(md.digest(), 16))).hasSize(32);
        assertThat(KeyId.fromHex(pk.keyId().hex())).isEqualTo(pk.keyId());
        assertThatThrownBy(() -> KeyId.fromHex(pk.keyId().hex().toUpperCase())).isInstanceOf(MalformedKeyException.class);
        assertThatThrownBy(() -> KeyId.fromHex("00")).isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("length 2");
    }

    @Test
    void privateKeyNeverPrintsItsSeed() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED);
        assertThat(key.toString()).doesNotContain(Hex.encode(SEED)).doesNotContain(Hex.encode(SEED).substring(0, 8))
                .contains(key.publicKey().keyId().hex());
        assertThat(key.exportSeed()).isEqualTo(SEED);
        assertThatThrownBy(() -> Ed25519PrivateKey.fromSeed(new byte[31])).isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("31");
    }

    @Test
    void generationUsesTheInjectedRandom() throws Exception {
        Ed25519PrivateKey a = Ed25519PrivateKey.generate(fixedRandom());
        Ed25519PrivateKey b = Ed25519PrivateKey.generate(fixedRandom());
        Ed25519PrivateKey c = Ed25519PrivateKey.generate(new SecureRandom());
        assertThat(a).isEqualTo(b);
        assertThat(a.publicKey()).isEqualTo(b.publicKey()).isNotEqualTo(c.publicKey());
    }

    @Test
    void publicKeyTextRoundTripsAndIsStrict() throws Exception {
        Ed25519PublicKey pk = Ed25519PrivateKey.fromSeed(SEED).publicKey();
        String text = pk.toText();
        assertThat(text).startsWith("ed25519:").hasSize(8 + 44);
        assertThat(Ed25519PublicKey.parseText(text)).isEqualTo(pk);
        String b64 = text.substring(8);
        for (String bad : new String[] {
                "ED25519:" + b64, "ed25519: " + b64, " " + text, text + " ", text + "\n", b64,
                "ed25519:" + b64.substring(0, 43), // missing padding
                "ed25519:" + b64.replace('=', 'A') + "==", "ed25519:", "ed25519:AAAA",
                "ed25519:" + b64.substring(0, 42) + flipLowBits(b64.charAt(42)) + "=", // non-zero unused bits
                "ed448:" + b64}) {
            assertThatThrownBy(() -> Ed25519PublicKey.parseText(bad)).as(bad).isInstanceOf(MalformedKeyException.class);
        }
    }

    @Test
    void publicKeysMustBeValidPrimeOrderPoints() {
        byte[] identity = new byte[32];
        identity[0] = 1; // y = 1: the neutral element, small order
        byte[] nonCanonical = new byte[32];
        Arrays.fill(nonCanonical, (byte) 0xff);
        nonCanonical[31] = 0x7f; // y = 2^255 - 1 >= p
        byte[] offCurve = new byte[32];
        offCurve[0] = 2; // y = 2 has no x on the curve
        for (byte[] bad : new byte[][] {identity, nonCanonical, offCurve, new byte[31], new byte[33]}) {
            assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(bad)).isInstanceOf(MalformedKeyException.class);
        }
    }

    @Test
    void valuesAreDefensivelyCopied() throws Exception {
        byte[] seed = SEED.clone();
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
        seed[0] ^= 1;
        assertThat(key.exportSeed()).isEqualTo(SEED);
        Ed25519Signature sig = key.sign(SignatureDomain.EVENT_V1, new byte[0]);
        byte[] copy = sig.toByteArray();
        copy[0] ^= 1;
        key.publicKey().verify(SignatureDomain.EVENT_V1, new byte[0], sig);
        assertThat(Ed25519Signature.fromBase64(sig.toBase64())).isEqualTo(sig);
        assertThatThrownBy(() -> Ed25519Signature.fromBytes(new byte[63])).isInstanceOf(MalformedSignatureException.class);
    }

    private static char flipLowBits(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return alphabet.charAt(alphabet.indexOf(c) ^ 1);
    }

    static SecureRandom fixedRandom() throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(42L);
        return r;
    }
}
