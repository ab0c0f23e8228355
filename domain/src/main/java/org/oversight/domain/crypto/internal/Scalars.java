package org.oversight.domain.crypto.internal;

import java.math.BigInteger;

/** Integers modulo the group order L, and their width-w NAF recoding for multi-scalar multiplication. */
final class Scalars {
    /** L = 2²⁵² + 27742317777372353535851937790883648493, the prime order of the base point. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    /** NAF digit positions: enough for any value below 2²⁵⁶ plus the final carry. */
    static final int NAF_LENGTH = 258;

    private Scalars() {}

    /** The unsigned little-endian integer {@code bytes[offset, offset+length)}. */
    static BigInteger fromLittleEndian(byte[] bytes, int offset, int length) {
        byte[] be = new byte[length];
        for (int i = 0; i < length; i++) {
            be[i] = bytes[offset + length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    /**
     * The width-{@code width} NAF of {@code k} (0 ≤ k < 2²⁵⁶): digit i is 0 or odd with
     * |digit| < 2^(width−1), any {@code width} consecutive digits hold at most one non-zero, and
     * Σ digit[i]·2^i = k.
     *
     * @throws IllegalArgumentException if {@code k} is negative or too large, or {@code width} is not in 2..8
     */
    static byte[] naf(BigInteger k, int width) {
        if (k.signum() < 0 || k.bitLength() > 256) {
            throw new IllegalArgumentException("scalar of " + k.bitLength() + " bits (sign " + k.signum()
                    + ") outside 0 .. 2^256");
        }
        if (width < 2 || width > 8) {
            throw new IllegalArgumentException("NAF width " + width + " outside 2..8");
        }
        int[] words = words(k);
        byte[] digits = new byte[NAF_LENGTH];
        int mask = (1 << width) - 1;
        int half = 1 << (width - 1);
        int carry = 0;
        int i = 0;
        while (i < NAF_LENGTH) {
            long window = window(words, i);
            int bit = (int) (window & 1);
            if (bit == carry) {
                // bit + carry is even: digit 0, and the carry moves up unchanged.
                i++;
                continue;
            }
            int digit = (int) (window & mask) + carry; // odd, at most 2^width − 1
            if (digit >= half) {
                digit -= 1 << width;
                carry = 1;
            } else {
                carry = 0;
            }
            digits[i] = (byte) digit;
            i += width;
        }
        return digits;
    }

    /** The bits of {@code words} from position {@code bit} upward (at least 32 of them). */
    private static long window(int[] words, int bit) {
        int w = bit >>> 5;
        long low = words[w] & 0xFFFFFFFFL;
        long high = words[w + 1] & 0xFFFFFFFFL;
        return ((high << 32) | low) >>> (bit & 31);
    }

    /** Little-endian 32-bit words of {@code k}, padded with zero words past the NAF's reach. */
    private static int[] words(BigInteger k) {
        int[] words = new int[(NAF_LENGTH >>> 5) + 3];
        byte[] be = k.toByteArray();
        for (int i = 0; i < be.length; i++) {
            int bit = (be.length - 1 - i) * 8;
            if (bit < 256) {
                words[bit >>> 5] |= (be[i] & 0xFF) << (bit & 31);
            }
        }
        return words;
    }
}
