package org.oversight.domain.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Point arithmetic on edwards25519 (RFC 8032 §5.1: {@code -x² + y² = 1 + d·x²·y²} over
 * GF(2²⁵⁵ − 19)) on Bouncy Castle's public field arithmetic ({@link X25519Field}); BC keeps its
 * own point operations private, so they are written here. Variable-time: only public values
 * (keys, signatures, messages) pass through it.
 *
 * <p>Points are in extended coordinates (X:Y:Z:T) with x = X/Z, y = Y/Z, xy = T/Z; additions
 * take the second operand in a cached form (Y+X, Y−X, 2Z, 2d·T) and use the unified formulas of
 * Hisil–Wong–Carter–Dawson 2008 (§3.1, a = −1), which are complete on this curve, so they are
 * correct for every pair of points including equal ones, the identity and small-order points.
 *
 * <p>Field elements are BC's ten signed limbs. {@link X25519Field#mul} and {@code sqr} accept
 * inputs that are the sum or difference of at most two reduced elements; anything built from
 * more is carried first (the {@code carry} calls below).
 *
 * <p>An instance holds scratch space and is not thread-safe; use one per thread.
 */
final class EdwardsPoints {
    /** The curve constant d = −121665/121666. */
    static final int[] D = fieldConstant(
            new BigInteger("-121665").multiply(new BigInteger("121666").modInverse(p())).mod(p()));
    /** 2d, for the cached form. */
    static final int[] D2 = fieldConstant(
            new BigInteger("-121665").multiply(new BigInteger("121666").modInverse(p())).shiftLeft(1).mod(p()));

    /** A point in extended coordinates. */
    static final class Extended {
        final int[] x = X25519Field.create();
        final int[] y = X25519Field.create();
        final int[] z = X25519Field.create();
        final int[] t = X25519Field.create();
    }

    /** A point prepared as the second operand of an addition: (Y+X, Y−X, 2Z, 2d·T). */
    static final class Cached {
        final int[] yPlusX = X25519Field.create();
        final int[] yMinusX = X25519Field.create();
        final int[] z2 = X25519Field.create();
        final int[] t2d = X25519Field.create();
    }

    private final int[] a = X25519Field.create();
    private final int[] b = X25519Field.create();
    private final int[] c = X25519Field.create();
    private final int[] d = X25519Field.create();
    private final int[] e = X25519Field.create();
    private final int[] f = X25519Field.create();
    private final int[] g = X25519Field.create();
    private final int[] h = X25519Field.create();
    private final byte[] yBytes = new byte[32];
    private final Extended twice = new Extended();
    private final Cached twiceCached = new Cached();
    private final Extended current = new Extended();

    /**
     * Decodes {@code encoding[offset, offset+32)} strictly by RFC 8032 §5.1.3: y < p (canonical),
     * x recoverable, and the sign bit set only if x ≠ 0. The result may have any order (small-order
     * and mixed-order points decode); the caller decides what to accept.
     *
     * @return whether the encoding is valid; {@code r} holds the point only if it is
     */
    boolean decode(byte[] encoding, int offset, Extended r) {
        System.arraycopy(encoding, offset, yBytes, 0, 32);
        int sign = (yBytes[31] & 0x80) >>> 7;
        yBytes[31] &= 0x7F;
        if (!belowP(yBytes)) {
            return false;
        }
        X25519Field.decode(yBytes, 0, r.y);
        // x² = (y² − 1) / (d·y² + 1)
        X25519Field.sqr(r.y, a);
        X25519Field.mul(D, a, b);
        X25519Field.subOne(a);
        X25519Field.addOne(b);
        if (!X25519Field.sqrtRatioVar(a, b, r.x)) {
            return false;
        }
        X25519Field.normalize(r.x);
        boolean xIsZero = X25519Field.isZeroVar(r.x);
        if (sign == 1 && xIsZero) {
            return false;
        }
        if ((r.x[0] & 1) != sign) {
            X25519Field.negate(r.x, r.x);
        }
        X25519Field.one(r.z);
        X25519Field.mul(r.x, r.y, r.t);
        return true;
    }

    /** Whether the 255-bit little-endian value (top bit already cleared) is below p = 2²⁵⁵ − 19. */
    private static boolean belowP(byte[] y) {
        // The values ≥ p are exactly p .. 2²⁵⁵ − 1: top byte 0x7f, bytes 1..30 all 0xff, byte 0 ≥ 0xed.
        if ((y[31] & 0xFF) != 0x7F) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if ((y[i] & 0xFF) != 0xFF) {
                return true;
            }
        }
        return (y[0] & 0xFF) < 0xED;
    }

    /** Sets {@code r} to the identity (0:1:1:0). */
    static void setIdentity(Extended r) {
        X25519Field.zero(r.x);
        X25519Field.one(r.y);
        X25519Field.one(r.z);
        X25519Field.zero(r.t);
    }

    /** Copies {@code p} into {@code r}. */
    static void copy(Extended p, Extended r) {
        X25519Field.copy(p.x, 0, r.x, 0);
        X25519Field.copy(p.y, 0, r.y, 0);
        X25519Field.copy(p.z, 0, r.z, 0);
        X25519Field.copy(p.t, 0, r.t, 0);
    }

    /** Whether {@code p} is the identity: X = 0 and Y = Z (Z ≠ 0 always). */
    boolean isIdentity(Extended p) {
        X25519Field.copy(p.x, 0, a, 0);
        X25519Field.normalize(a);
        if (!X25519Field.isZeroVar(a)) {
            return false;
        }
        X25519Field.sub(p.y, p.z, a);
        X25519Field.normalize(a);
        return X25519Field.isZeroVar(a);
    }

    /** The cached form of {@code p}. */
    void toCached(Extended p, Cached r) {
        X25519Field.apm(p.y, p.x, r.yPlusX, r.yMinusX);
        X25519Field.carry(r.yPlusX);
        X25519Field.carry(r.yMinusX);
        X25519Field.add(p.z, p.z, r.z2);
        X25519Field.carry(r.z2);
        X25519Field.mul(p.t, D2, r.t2d);
    }

    /** {@code r = p + q}, or {@code p − q} if {@code subtract}; {@code r} may be {@code p}. */
    void add(Extended p, Cached q, boolean subtract, Extended r) {
        X25519Field.apm(p.y, p.x, b, a); // b = Y1+X1, a = Y1−X1
        if (subtract) {
            // −q has Y+X and Y−X swapped and T negated, which swaps F and G below.
            X25519Field.mul(a, q.yPlusX, a);
            X25519Field.mul(b, q.yMinusX, b);
        } else {
            X25519Field.mul(a, q.yMinusX, a);
            X25519Field.mul(b, q.yPlusX, b);
        }
        X25519Field.mul(p.t, q.t2d, c);
        X25519Field.mul(p.z, q.z2, d);
        X25519Field.apm(b, a, h, e); // h = B+A, e = B−A
        if (subtract) {
            X25519Field.apm(d, c, f, g); // f = D+C, g = D−C
        } else {
            X25519Field.apm(d, c, g, f); // g = D+C, f = D−C
        }
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(f, g, r.z);
        X25519Field.mul(e, h, r.t);
    }

    /** {@code r = 2p}; {@code r} may be {@code p}. */
    void dbl(Extended p, Extended r) {
        // dbl-2008-hwcd with every intermediate negated (same result, fewer negations).
        X25519Field.sqr(p.x, a);
        X25519Field.sqr(p.y, b);
        X25519Field.sqr(p.z, c);
        X25519Field.add(c, c, c);
        X25519Field.add(p.x, p.y, d);
        X25519Field.sqr(d, d);
        X25519Field.apm(a, b, h, g); // h = A+B, g = A−B
        X25519Field.sub(h, d, e);
        X25519Field.carry(e);
        X25519Field.add(c, g, f);
        X25519Field.carry(f);
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(f, g, r.z);
        X25519Field.mul(e, h, r.t);
    }

    /**
     * The odd multiples P, 3P, 5P, …, (2^(width−1) − 1)·P in cached form: the table a width-w
     * NAF digit d indexes as {@code table[|d| / 2]}.
     */
    Cached[] oddMultiples(Extended p, int width) {
        Cached[] table = new Cached[1 << (width - 2)];
        for (int i = 0; i < table.length; i++) {
            table[i] = new Cached();
        }
        oddMultiples(p, table);
        return table;
    }

    /**
     * Fills {@code table} with P, 3P, 5P, … ({@code table.length} of them) in cached form, reusing
     * its elements and this instance's scratch points (the batch check's per-signature tables
     * allocate nothing).
     */
    void oddMultiples(Extended p, Cached[] table) {
        dbl(p, twice);
        toCached(twice, twiceCached);
        copy(p, current);
        for (int i = 0; i < table.length; i++) {
            if (i > 0) {
                add(current, twiceCached, false, current);
            }
            toCached(current, table[i]);
        }
    }

    private static BigInteger p() {
        return BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    }

    /** A field element from a non-negative integer below p. */
    static int[] fieldConstant(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        int[] element = X25519Field.create();
        X25519Field.decode(le, 0, element);
        return element;
    }
}
