package org.oversight.domain.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch check's random coefficients: enough of them, well-formed, and z mod L as the digits say. */
class SparseCoefficientsTest {
    @Test
    void moreThan2To128DistinctCoefficients() {
        assertThat(SparseCoefficients.SLOTS).isEqualTo(200);
        assertThat(SparseCoefficients.log2Count()).isGreaterThanOrEqualTo(128.0);
    }

    @Test
    void digitsFormAWidth4NafBelow2To251AndTheWordsAreItsValueModL() {
        SparseCoefficients coefficients = new SparseCoefficients();
        Set<BigInteger> seen = new HashSet<>();
        for (int n = 0; n < 3000; n++) {
            if (n % 100 == 0) {
                coefficients.reseed();
            }
            byte[] naf = new byte[Scalars.NAF_LENGTH];
            int[] zModL = new int[8];
            coefficients.next(naf, zModL);
            BigInteger z = BigInteger.ZERO;
            int nonZero = 0;
            int last = -SparseCoefficients.WIDTH;
            for (int i = 0; i < naf.length; i++) {
                int d = naf[i];
                if (d == 0) {
                    continue;
                }
                nonZero++;
                assertThat(d & 1).as("odd digit").isEqualTo(1);
                assertThat(Math.abs(d)).isLessThanOrEqualTo(7);
                assertThat(i).isLessThan(SparseCoefficients.TOP);
                assertThat(i - last).as("digits at least 4 apart").isGreaterThanOrEqualTo(SparseCoefficients.WIDTH);
                last = i;
                z = z.add(BigInteger.valueOf(d).shiftLeft(i));
            }
            assertThat(nonZero).isEqualTo(SparseCoefficients.DIGITS);
            assertThat(z.abs().bitLength()).isLessThanOrEqualTo(251);
            assertThat(Scalars.fromWords(zModL)).isEqualTo(z.mod(Scalars.L));
            assertThat(seen.add(z)).as("coefficient %d repeats an earlier one", n).isTrue();
        }
    }

    @Test
    void signsAndPositionsAreSpreadOut() {
        SparseCoefficients coefficients = new SparseCoefficients();
        coefficients.reseed();
        int negative = 0;
        int total = 0;
        int[] byQuarter = new int[4];
        for (int n = 0; n < 2000; n++) {
            byte[] naf = new byte[Scalars.NAF_LENGTH];
            coefficients.next(naf, new int[8]);
            for (int i = 0; i < naf.length; i++) {
                if (naf[i] != 0) {
                    total++;
                    negative += naf[i] < 0 ? 1 : 0;
                    byQuarter[i / 62 < 4 ? i / 62 : 3]++;
                }
            }
        }
        assertThat((double) negative / total).isBetween(0.47, 0.53);
        for (int q : byQuarter) {
            assertThat((double) q / total).as("share of digits per quarter of the positions").isBetween(0.2, 0.3);
        }
    }
}
