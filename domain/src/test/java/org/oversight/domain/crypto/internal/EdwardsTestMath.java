package org.oversight.domain.crypto.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.oversight.domain.bytes.Hex;

/**
 * Slow, obviously-correct helpers for building edge-case signatures in tests: scalar
 * multiplication by double-and-add, point encoding, the eight small-order points, and RFC 8032
 * signing with an arbitrary nonce point (so R can carry a small-order component).
 */
final class EdwardsTestMath {
    static final BigInteger L = Scalars.L;
    static final byte[] BASE = hex("5866666666666666666666666666666666666666666666666666666666666666");

    /** The eight points of order dividing 8, canonically encoded (C2SP/CCTV ed25519 README). */
    static final String[] SMALL_ORDER = {
        "0100000000000000000000000000000000000000000000000000000000000000", // identity
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
        "0000000000000000000000000000000000000000000000000000000000000000", // order 4
        "0000000000000000000000000000000000000000000000000000000000000080", // order 4
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
    };

    private final EdwardsPoints points = new EdwardsPoints();

    static byte[] hex(String text) {
        try {
            return Hex.decode(text);
        } catch (Hex.MalformedHexException e) {
            throw new IllegalArgumentException(e);
        }
    }

    EdwardsPoints.Extended decode(byte[] encoding) {
        EdwardsPoints.Extended p = new EdwardsPoints.Extended();
        if (!points.decode(encoding, 0, p)) {
            throw new IllegalArgumentException("does not decode: " + Hex.encode(encoding));
        }
        return p;
    }

    EdwardsPoints.Extended add(EdwardsPoints.Extended p, EdwardsPoints.Extended q) {
        EdwardsPoints.Cached c = new EdwardsPoints.Cached();
        points.toCached(q, c);
        EdwardsPoints.Extended r = new EdwardsPoints.Extended();
        points.add(p, c, false, r);
        return r;
    }

    EdwardsPoints.Extended multiply(BigInteger k, EdwardsPoints.Extended p) {
        EdwardsPoints.Extended acc = new EdwardsPoints.Extended();
        EdwardsPoints.setIdentity(acc);
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            points.dbl(acc, acc);
            if (k.testBit(i)) {
                acc = add(acc, p);
            }
        }
        return acc;
    }

    boolean isIdentity(EdwardsPoints.Extended p) {
        return points.isIdentity(p);
    }

    static byte[] encode(EdwardsPoints.Extended p) {
        int[] zInv = X25519Field.create();
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        X25519Field.inv(p.z, zInv);
        X25519Field.mul(p.x, zInv, x);
        X25519Field.mul(p.y, zInv, y);
        X25519Field.normalize(x);
        X25519Field.normalize(y);
        byte[] out = new byte[32];
        X25519Field.encode(y, out, 0);
        out[31] |= (byte) ((x[0] & 1) << 7);
        return out;
    }

    static BigInteger le(byte[] bytes) {
        return Scalars.fromLittleEndian(bytes, 0, bytes.length);
    }

    static byte[] le32(BigInteger v) {
        byte[] out = new byte[32];
        byte[] be = v.toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret scalar a of RFC 8032 §5.1.5 for {@code seed}. */
    static BigInteger secretScalar(byte[] seed) {
        byte[] h = Arrays.copyOf(sha512(seed), 32);
        h[0] &= (byte) 0xF8;
        h[31] &= 0x7F;
        h[31] |= 0x40;
        return le(h);
    }

    /**
     * A signature with nonce point {@code [r]B + extra} (extra may be a small-order point), so that
     * [8][S]B = [8]R + [8][k]A holds while [S]B = R + [k]A holds only if extra is the identity.
     */
    byte[] signWithNonce(byte[] seed, byte[] publicKey, byte[] message, BigInteger r, EdwardsPoints.Extended extra) {
        EdwardsPoints.Extended nonce = add(multiply(r, decode(BASE)), extra);
        byte[] rBytes = encode(nonce);
        BigInteger k = le(sha512(rBytes, publicKey, message)).mod(L);
        BigInteger s = r.add(k.multiply(secretScalar(seed))).mod(L);
        byte[] sig = new byte[64];
        System.arraycopy(rBytes, 0, sig, 0, 32);
        System.arraycopy(le32(s), 0, sig, 32, 32);
        return sig;
    }
}
