package org.oversight.domain.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scalar helpers against BigInteger on random and edge values. */
class ScalarsTest {
    private final Random random = new Random(20261206L);

    @Test
    void nafDigitsAreOddBoundedSparseAndSumToTheScalar() {
        for (int width = 2; width <= 8; width++) {
            for (int n = 0; n < 300; n++) {
                BigInteger k = n == 0 ? BigInteger.ZERO
                        : n == 1 ? BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
                        : new BigInteger(1 + random.nextInt(256), random);
                byte[] digits = Scalars.naf(k, width);
                BigInteger sum = BigInteger.ZERO;
                int lastNonZero = -width;
                for (int i = 0; i < digits.length; i++) {
                    int d = digits[i];
                    if (d != 0) {
                        assertThat(d & 1).as("odd digit").isEqualTo(1);
                        assertThat(Math.abs(d)).isLessThan(1 << (width - 1));
                        assertThat(i - lastNonZero).as("non-zero digits at least %d apart", width)
                                .isGreaterThanOrEqualTo(width);
                        lastNonZero = i;
                    }
                    sum = sum.add(BigInteger.valueOf(d).shiftLeft(i));
                }
                assertThat(sum).as("width %d, k %s", width, k).isEqualTo(k);
            }
        }
    }

    @Test
    void multiplyAddAndWordsMatchBigInteger() {
        for (int n = 0; n < 500; n++) {
            int[] acc = new int[22];
            BigInteger expected = BigInteger.ZERO;
            for (int t = 0; t < 64; t++) {
                byte[] a = new byte[16];
                byte[] b = new byte[64];
                random.nextBytes(a);
                random.nextBytes(b);
                if (n == 0) {
                    java.util.Arrays.fill(a, (byte) 0xFF);
                    java.util.Arrays.fill(b, (byte) 0xFF);
                }
                Scalars.multiplyAdd(Scalars.wordsOf(a, 0, 4, 4), Scalars.wordsOf(b, 0, 16, 16), acc);
                expected = expected.add(Scalars.fromLittleEndian(a, 0, 16).multiply(Scalars.fromLittleEndian(b, 0, 64)));
            }
            assertThat(Scalars.fromWords(acc)).isEqualTo(expected);
        }
    }

    @Test
    void belowLIsTheStrictComparison() {
        for (BigInteger v : new BigInteger[] {BigInteger.ZERO, Scalars.L.subtract(BigInteger.ONE), Scalars.L,
                Scalars.L.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(252), new BigInteger(255, random)}) {
            byte[] le = EdwardsTestMath.le32(v);
            assertThat(Scalars.belowL(Scalars.wordsOf(le, 0, 8, 8))).as("%s", v).isEqualTo(v.compareTo(Scalars.L) < 0);
        }
    }
}
