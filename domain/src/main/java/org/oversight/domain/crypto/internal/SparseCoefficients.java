package org.oversight.domain.crypto.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The random coefficients z of a batch check ({@link CofactoredEd25519}), drawn so that [z]R costs
 * few point additions.
 *
 * <p>A coefficient is a width-{@value #WIDTH} NAF chosen at random: {@value #DIGITS} non-zero
 * digits, each odd with |digit| ≤ 7 (sign and magnitude uniform), at positions chosen uniformly
 * among all sets of {@value #DIGITS} positions in [0, 248) that are at least {@value #WIDTH}
 * apart. A width-4 NAF is unique, so distinct choices are distinct integers; there are
 * C({@value #SLOTS}, {@value #DIGITS})·8^{@value #DIGITS} > 2¹³¹ of them, each of absolute value
 * below 2²⁵¹ < L/2, so they are also distinct modulo L. The batch argument needs exactly that
 * (one coefficient uniform over at least 2¹²⁸ values distinct modulo L: a bad signature passes for
 * at most one of them), and a uniformly random 128-bit integer needs about 21 additions (as a
 * width-5 NAF, with a table of 8 odd multiples of R) where this needs {@value #DIGITS} with a table of 4.
 *
 * <p>The bits come from SHA-512 in counter mode over a 256-bit seed drawn from a
 * {@link SecureRandom} per {@link #reseed()} (the platform's generator yields only ~25 MB/s here,
 * which at 16 bytes per signature cost more than the hashing of the signed bytes).
 *
 * <p>Not thread-safe.
 */
final class SparseCoefficients {
    /** NAF width: digits are odd with |digit| < 2^(WIDTH−1), non-zero digits at least WIDTH apart. */
    static final int WIDTH = 4;
    /** Non-zero digits per coefficient. */
    static final int DIGITS = 17;
    /** Positions 0..247 (the top one keeps |z| < 2²⁵¹); spacing WIDTH leaves SLOTS free choices. */
    static final int TOP = 248;
    static final int SLOTS = TOP - (WIDTH - 1) * (DIGITS - 1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] L_WORDS = Scalars.wordsOf(Scalars.L);

    private final MessageDigest sha512;
    private final byte[] seed = new byte[32];
    private final byte[] block = new byte[64];
    private final byte[] counterBytes = new byte[8];
    private final boolean[] chosen = new boolean[SLOTS];
    private final int[] plus = new int[9];
    private final int[] minus = new int[9];
    private long counter;
    private int blockOffset;
    private long pool;
    private int poolBits;

    SparseCoefficients() {
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
        }
    }

    /** log₂ of the number of distinct coefficients (tests check it is at least 128). */
    static double log2Count() {
        BigInteger count = BigInteger.ONE;
        for (int i = 0; i < DIGITS; i++) {
            count = count.multiply(BigInteger.valueOf(SLOTS - i));
        }
        for (int i = 2; i <= DIGITS; i++) {
            count = count.divide(BigInteger.valueOf(i)); // exact: C(SLOTS, DIGITS) built in order
        }
        return count.bitLength() - 1 + 3.0 * DIGITS;
    }

    /** A fresh seed from the platform's {@link SecureRandom}: call before each combination's coefficients. */
    void reseed() {
        RANDOM.nextBytes(seed);
        counter = 0;
        blockOffset = block.length;
        poolBits = 0;
    }

    /**
     * The next coefficient: its digits written into {@code naf} (at least {@value #TOP} zeroed
     * entries), and z mod L into {@code zModL} (8 little-endian words).
     */
    void next(byte[] naf, int[] zModL) {
        java.util.Arrays.fill(chosen, false);
        // Floyd's algorithm: a uniformly random DIGITS-subset of [0, SLOTS).
        for (int j = SLOTS - DIGITS; j < SLOTS; j++) {
            int t = below(j + 1);
            chosen[chosen[t] ? j : t] = true;
        }
        java.util.Arrays.fill(plus, 0);
        java.util.Arrays.fill(minus, 0);
        int rank = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (!chosen[slot]) {
                continue;
            }
            int position = slot + (WIDTH - 1) * rank++;
            int v = bits(3);
            int magnitude = 2 * (v & 3) + 1;
            boolean negative = (v & 4) != 0;
            naf[position] = (byte) (negative ? -magnitude : magnitude);
            addShifted(negative ? minus : plus, magnitude, position);
        }
        // z = plus − minus, |z| < 2²⁵¹; z mod L is z or L − |z|.
        if (Scalars.compare(plus, minus) >= 0) {
            Scalars.subtract(plus, minus, zModL);
        } else {
            int[] magnitude = new int[9];
            Scalars.subtract(minus, plus, magnitude);
            Scalars.subtract(L_WORDS, magnitude, zModL);
        }
    }

    /**
     * {@code words += value·2^position} for {@code value < 8}, as a bitwise or: the digits added
     * to one array occupy bits [position, position + 3) at positions at least 4 apart, so they
     * never overlap and no carry arises.
     */
    private static void addShifted(int[] words, int value, int position) {
        long shifted = ((long) value) << (position & 31);
        int i = position >>> 5;
        words[i] |= (int) shifted;
        words[i + 1] |= (int) (shifted >>> 32);
    }

    /** A uniform integer in [0, bound), 1 ≤ bound ≤ 256, by rejection. */
    private int below(int bound) {
        int n = 32 - Integer.numberOfLeadingZeros(bound - 1);
        while (true) {
            int v = bits(n);
            if (v < bound) {
                return v;
            }
        }
    }

    /** The next {@code n} (≤ 8) random bits. */
    private int bits(int n) {
        if (poolBits < n) {
            if (blockOffset == block.length) {
                refill();
            }
            pool = 0;
            for (int i = 0; i < 8; i++) {
                pool |= (block[blockOffset++] & 0xFFL) << (8 * i);
            }
            poolBits = 64;
        }
        int v = (int) (pool & ((1 << n) - 1));
        pool >>>= n;
        poolBits -= n;
        return v;
    }

    private void refill() {
        for (int i = 0; i < 8; i++) {
            counterBytes[i] = (byte) (counter >>> (8 * i));
        }
        counter++;
        sha512.update(seed);
        sha512.update(counterBytes);
        try {
            sha512.digest(block, 0, block.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a 64-byte buffer holds a SHA-512 digest", e);
        }
        blockOffset = 0;
    }
}
