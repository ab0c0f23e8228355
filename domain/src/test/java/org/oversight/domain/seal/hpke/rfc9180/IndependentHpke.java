package org.oversight.domain.seal.hpke.rfc9180;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 9180 base mode for DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, written
 * from the RFC with the JDK's own X25519, HMAC-SHA256 and ChaCha20-Poly1305 (no Bouncy Castle),
 * exposing every intermediate value. Used to cross-check the wrapper and to print the worked
 * example of docs/format.md §12; itself checked against RFC 9180 A.2.1.
 */
public final class IndependentHpke {
    private IndependentHpke() {}

    /** Every value of one SealBase, in the RFC's names. */
    public record Trace(byte[] pkE, byte[] dh, byte[] sharedSecret, byte[] keyScheduleContext, byte[] secret,
            byte[] key, byte[] baseNonce, byte[] ct) {}

    private static final byte[] KEM_SUITE = concat(ascii("KEM"), new byte[] {0x00, 0x20});
    private static final byte[] HPKE_SUITE = concat(ascii("HPKE"), new byte[] {0x00, 0x20, 0x00, 0x01, 0x00, 0x03});

    public static Trace sealBase(byte[] pkR, byte[] info, byte[] aad, byte[] pt, byte[] skE) throws Exception {
        byte[] base = new byte[32];
        base[0] = 9;
        byte[] pkE = x25519(skE, base);
        byte[] dh = x25519(skE, pkR);
        byte[] kemContext = concat(pkE, pkR);
        byte[] eaePrk = labeledExtract(KEM_SUITE, new byte[0], "eae_prk", dh);
        byte[] sharedSecret = labeledExpand(KEM_SUITE, eaePrk, "shared_secret", kemContext, 32);
        byte[] pskIdHash = labeledExtract(HPKE_SUITE, new byte[0], "psk_id_hash", new byte[0]);
        byte[] infoHash = labeledExtract(HPKE_SUITE, new byte[0], "info_hash", info);
        byte[] ksc = concat(new byte[] {0x00}, concat(pskIdHash, infoHash));
        byte[] secret = labeledExtract(HPKE_SUITE, sharedSecret, "secret", new byte[0]);
        byte[] key = labeledExpand(HPKE_SUITE, secret, "key", ksc, 32);
        byte[] baseNonce = labeledExpand(HPKE_SUITE, secret, "base_nonce", ksc, 12);
        return new Trace(pkE, dh, sharedSecret, ksc, secret, key, baseNonce, chacha20Poly1305(key, baseNonce, aad, pt));
    }

    /** RFC 7748 X25519 with the JDK's XDH. */
    public static byte[] x25519(byte[] k, byte[] u) throws Exception {
        KeyFactory kf = KeyFactory.getInstance("XDH");
        PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, k.clone()));
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = u[31 - i];
        }
        be[0] &= 0x7f;
        PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(priv);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    /** RFC 8439 ChaCha20-Poly1305 with the JDK's cipher. */
    public static byte[] chacha20Poly1305(byte[] key, byte[] nonce, byte[] aad, byte[] pt) throws Exception {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        c.updateAAD(aad);
        return c.doFinal(pt);
    }

    private static byte[] labeledExtract(byte[] suite, byte[] salt, String label, byte[] ikm) throws Exception {
        byte[] labeled = concat(concat(ascii("HPKE-v1"), suite), concat(ascii(label), ikm));
        return hmac(salt.length == 0 ? new byte[32] : salt, labeled);
    }

    private static byte[] labeledExpand(byte[] suite, byte[] prk, String label, byte[] info, int length)
            throws Exception {
        byte[] labeled = concat(new byte[] {(byte) (length >> 8), (byte) length},
                concat(concat(ascii("HPKE-v1"), suite), concat(ascii(label), info)));
        // HKDF-Expand, one block suffices for length <= 32.
        byte[] t = hmac(prk, concat(labeled, new byte[] {1}));
        byte[] out = new byte[length];
        System.arraycopy(t, 0, out, 0, length);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
