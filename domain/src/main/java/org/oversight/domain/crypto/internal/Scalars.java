package org.oversight.domain.crypto.internal;

import java.math.BigInteger;

/** Integers modulo the group order L, and their width-w NAF recoding for multi-scalar multiplication. */
final class Scalars {
    /** L = 2²⁵² + 27742317777372353535851937790883648493, the prime order of the base point. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    /** NAF digit positions: enough for any value below 2²⁵⁶ plus the final carry. */
    static final int NAF_LENGTH = 258;
    /** Length of the word arrays {@link #naf(int[], int)} reads (the NAF looks past the top word). */
    static final int NAF_WORDS = (NAF_LENGTH >>> 5) + 3;
    private static final long M32 = 0xFFFFFFFFL;
    private static final int[] L_WORDS = words(L);

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
        return naf(words(k), width);
    }

    /**
     * {@link #naf(BigInteger, int)} of the little-endian words {@code words}: at least
     * {@link #NAF_WORDS} of them, those past the eighth zero.
     */
    static byte[] naf(int[] words, int width) {
        if (width < 2 || width > 8) {
            throw new IllegalArgumentException("NAF width " + width + " outside 2..8");
        }
        if (words.length < NAF_WORDS) {
            throw new IllegalArgumentException(words.length + " words < " + NAF_WORDS);
        }
        for (int i = 8; i < words.length; i++) {
            if (words[i] != 0) {
                throw new IllegalArgumentException("scalar not below 2^256: word " + i + " is non-zero");
            }
        }
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

    /** The {@code count} little-endian 32-bit words of {@code bytes[offset, offset + 4·count)}. */
    static int[] wordsOf(byte[] bytes, int offset, int count, int length) {
        int[] words = new int[length];
        for (int i = 0; i < count; i++) {
            int at = offset + 4 * i;
            words[i] = (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16
                    | (bytes[at + 3] & 0xFF) << 24;
        }
        return words;
    }

    /** Whether the 8 little-endian words are below L. */
    static boolean belowL(int[] words) {
        for (int i = 7; i >= 0; i--) {
            int c = Integer.compareUnsigned(words[i], L_WORDS[i]);
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    /**
     * {@code acc += x·y} on unsigned little-endian 32-bit words; {@code acc} must be long enough
     * for the sum (callers size it for every product they add).
     */
    static void multiplyAdd(int[] x, int[] y, int[] acc) {
        for (int i = 0; i < x.length; i++) {
            long xi = x[i] & M32;
            if (xi == 0) {
                continue;
            }
            long carry = 0;
            for (int j = 0; j < y.length; j++) {
                // At most (2³² − 1)² + 2·(2³² − 1) = 2⁶⁴ − 1: fits in 64 unsigned bits.
                long t = xi * (y[j] & M32) + (acc[i + j] & M32) + carry;
                acc[i + j] = (int) t;
                carry = t >>> 32;
            }
            for (int k = i + y.length; carry != 0; k++) {
                long t = (acc[k] & M32) + carry;
                acc[k] = (int) t;
                carry = t >>> 32;
            }
        }
    }

    /** The unsigned little-endian words as an integer. */
    static BigInteger fromWords(int[] words) {
        byte[] be = new byte[4 * words.length];
        for (int i = 0; i < words.length; i++) {
            int w = words[i];
            int at = be.length - 4 * i;
            be[at - 1] = (byte) w;
            be[at - 2] = (byte) (w >>> 8);
            be[at - 3] = (byte) (w >>> 16);
            be[at - 4] = (byte) (w >>> 24);
        }
        return new BigInteger(1, be);
    }

    /** Little-endian 32-bit words of {@code 0 ≤ k < 2²⁵⁶}, {@link #NAF_WORDS} of them. */
    static int[] wordsOf(BigInteger k) {
        return words(k);
    }

    /** Compares unsigned little-endian word arrays (missing words are zero). */
    static int compare(int[] a, int[] b) {
        for (int i = Math.max(a.length, b.length) - 1; i >= 0; i--) {
            int c = Integer.compareUnsigned(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * {@code out = a − b} on unsigned little-endian words (missing words are zero).
     *
     * @throws IllegalArgumentException if a < b or the difference does not fit in {@code out}
     */
    static void subtract(int[] a, int[] b, int[] out) {
        long borrow = 0;
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            long t = ((i < a.length ? a[i] : 0) & M32) - ((i < b.length ? b[i] : 0) & M32) - borrow;
            if (i < out.length) {
                out[i] = (int) t;
            } else if ((int) t != 0) {
                throw new IllegalArgumentException("difference does not fit in " + out.length + " words");
            }
            borrow = t < 0 ? 1 : 0;
        }
        if (borrow != 0) {
            throw new IllegalArgumentException("subtraction a − b with a < b");
        }
    }

    /** Little-endian 32-bit words of {@code k}, padded with zero words past the NAF's reach. */
    private static int[] words(BigInteger k) {
        int[] words = new int[NAF_WORDS];
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
