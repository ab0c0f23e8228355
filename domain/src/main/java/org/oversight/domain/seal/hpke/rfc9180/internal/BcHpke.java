package org.oversight.domain.seal.hpke.rfc9180.internal;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The only code of the seal packages that touches Bouncy Castle: RFC 9180 HPKE base mode for the one
 * suite Oversight uses, RFC 7748 X25519 and RFC 8439 ChaCha20-Poly1305. Inputs are trusted to have
 * the right lengths (the public wrappers check them); failures of authentication are reported as
 * {@code null}, so no Bouncy Castle type leaves this class.
 */
public final class BcHpke {
    private BcHpke() {}

    private static HPKE suite() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }

    /** {@code X25519(k, 9)}: the public key of private key {@code k}. */
    public static byte[] publicKey(byte[] k) {
        byte[] r = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(k, 0, r, 0);
        return r;
    }

    /** {@code X25519(k, u)}; all-zero for a low-order {@code u}. */
    public static byte[] x25519(byte[] k, byte[] u) {
        byte[] r = new byte[X25519.POINT_SIZE];
        X25519.scalarMult(k, 0, u, 0, r, 0);
        return r;
    }

    /**
     * SealBase(pkR, info, aad, pt) with the ephemeral private key {@code skE} (RFC 9180 §6.1).
     *
     * @return {@code {enc, ct}}
     */
    public static byte[][] sealBase(byte[] pkR, byte[] info, byte[] aad, byte[] pt, byte[] skE) {
        AsymmetricCipherKeyPair ephemeral = new AsymmetricCipherKeyPair(
                new X25519PublicKeyParameters(publicKey(skE)), new X25519PrivateKeyParameters(skE));
        try {
            // setupBaseS with an explicit ephemeral key pair; HPKE.seal's key-pair argument is the
            // sender's authentication key (auth modes), not the ephemeral one.
            HPKEContextWithEncapsulation ctx = suite().setupBaseS(new X25519PublicKeyParameters(pkR), info, ephemeral);
            byte[] ct = ctx.seal(aad, pt);
            return new byte[][] {ctx.getEncapsulation(), ct};
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed", e);
        }
    }

    /**
     * OpenBase(enc, skR, info, aad, ct) (RFC 9180 §6.1) with {@code pkR = X25519(skR, 9)}; null if
     * the ciphertext does not authenticate.
     */
    public static byte[] openBase(byte[] enc, byte[] skR, byte[] pkR, byte[] info, byte[] aad, byte[] ct) {
        AsymmetricCipherKeyPair recipient = new AsymmetricCipherKeyPair(
                new X25519PublicKeyParameters(pkR), new X25519PrivateKeyParameters(skR));
        try {
            return suite().open(enc, recipient, info, aad, ct, null, null, null);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            // BC reports an all-zero DH output (low-order enc) as IllegalArgumentException.
            return null;
        }
    }

    /** ChaCha20-Poly1305 (RFC 8439) encryption: ciphertext || 16-byte tag. */
    public static byte[] aeadSeal(byte[] key, byte[] nonce, byte[] aad, byte[] pt) {
        ChaCha20Poly1305 c = new ChaCha20Poly1305();
        c.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[c.getOutputSize(pt.length)];
        int n = c.processBytes(pt, 0, pt.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 seal failed", e);
        }
        return out;
    }

    /** ChaCha20-Poly1305 (RFC 8439) decryption; null if the tag does not verify. */
    public static byte[] aeadOpen(byte[] key, byte[] nonce, byte[] aad, byte[] ct) {
        ChaCha20Poly1305 c = new ChaCha20Poly1305();
        c.init(false, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[c.getOutputSize(ct.length)];
        try {
            int n = c.processBytes(ct, 0, ct.length, out, 0);
            c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            return null;
        }
        return out;
    }
}
