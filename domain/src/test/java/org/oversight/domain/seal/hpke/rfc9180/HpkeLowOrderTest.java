package org.oversight.domain.seal.hpke.rfc9180;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.seal.hpke.rfc9180.internal.BcHpke;

/**
 * {@link Hpke#isLowOrder} (a comparison with the u-coordinates of the small-order points) against
 * its definition, one scalar multiplication by clamped scalars: zero output exactly for the points of
 * order 1, 2, 4 and 8, in every encoding X25519 accepts (top bit set or not, u ≥ p or not). And the
 * open with a known {@code pkR} agrees with the open that derives it.
 */
class HpkeLowOrderTest {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    /** The definition: X25519(k, u) is zero for the clamped scalar k (any clamped k decides it). */
    private static boolean zeroProduct(byte[] k, byte[] u) {
        byte[] r = BcHpke.x25519(k, u.clone());
        int acc = 0;
        for (byte b : r) {
            acc |= b;
        }
        return acc == 0;
    }

    private static byte[] le(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static List<byte[]> scalars() {
        List<byte[]> out = new ArrayList<>();
        byte[] eight = new byte[32];
        eight[0] = 8;
        eight[31] = 0x40;
        out.add(eight);
        Random r = new Random(42);
        for (int i = 0; i < 3; i++) {
            byte[] k = new byte[32];
            r.nextBytes(k);
            out.add(k);
        }
        return out;
    }

    private static void assertAgrees(byte[] u, List<byte[]> scalars) {
        for (byte[] k : scalars) {
            assertThat(Hpke.isLowOrder(u)).as("u = %s", new BigInteger(1, reverse(u)).toString(16))
                    .isEqualTo(zeroProduct(k, u));
        }
    }

    private static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }

    @Test
    void agreesWithTheScalarMultiplicationOnEveryEncodingOfTheSmallOrderPoints() {
        List<byte[]> scalars = scalars();
        List<BigInteger> candidates = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            candidates.add(BigInteger.valueOf(i)); // small u, including 0 and 1
            candidates.add(P.subtract(BigInteger.valueOf(i + 1))); // p-1 … p-64
        }
        for (int i = 0; i < 19; i++) {
            candidates.add(P.add(BigInteger.valueOf(i))); // non-canonical p … 2^255-1
        }
        candidates.add(new BigInteger(1, reverse(java.util.HexFormat.of().parseHex(
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))));
        candidates.add(new BigInteger(1, reverse(java.util.HexFormat.of().parseHex(
                "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"))));
        int lowOrder = 0;
        for (BigInteger v : candidates) {
            for (boolean top : new boolean[] {false, true}) {
                byte[] u = le(v);
                if (top) {
                    u[31] |= (byte) 0x80;
                }
                assertAgrees(u, scalars);
                lowOrder += Hpke.isLowOrder(u) ? 1 : 0;
            }
        }
        // 0, 1, p-1, the two of order 8, and the non-canonical p (= 0) and p+1 (= 1): 7 values, each with both top bits.
        assertThat(lowOrder).isEqualTo(14);
    }

    @Test
    void agreesWithTheScalarMultiplicationOnRandomInputs() {
        List<byte[]> scalars = scalars().subList(0, 1);
        Random r = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] u = new byte[32];
            r.nextBytes(u);
            assertAgrees(u, scalars);
        }
        assertThatThrownBy(() -> Hpke.isLowOrder(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDerivedPublicKeyIsNeverOfSmallOrder() {
        // X25519PublicKey.derived skips the test on this ground (k·B ≠ O for every clamped k).
        Random r = new Random(11);
        for (int i = 0; i < 500; i++) {
            byte[] sk = new byte[32];
            r.nextBytes(sk);
            assertThat(Hpke.isLowOrder(Hpke.publicKey(sk))).isFalse();
        }
    }

    @Test
    void openingWithTheKnownPublicKeyAgreesAndAWrongOneFails() throws Exception {
        Random r = new Random(9);
        byte[] skR = new byte[32];
        byte[] skE = new byte[32];
        r.nextBytes(skR);
        r.nextBytes(skE);
        byte[] pkR = Hpke.publicKey(skR);
        byte[] info = "info".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] pt = "a data key of thirty-two bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Hpke.Sealed s = Hpke.sealBase(pkR, info, new byte[0], pt, skE);
        assertThat(Hpke.openBase(s.enc(), skR, pkR, info, new byte[0], s.ciphertext())).isEqualTo(pt);
        assertThat(Hpke.openBase(s.enc(), skR, info, new byte[0], s.ciphertext())).isEqualTo(pt);
        byte[] otherSk = skR.clone();
        otherSk[5] ^= 1;
        byte[] wrongPk = Hpke.publicKey(otherSk);
        assertThatThrownBy(() -> Hpke.openBase(s.enc(), skR, wrongPk, info, new byte[0], s.ciphertext()))
                .isInstanceOf(HpkeOpenException.class);
        byte[] lowEnc = new byte[32];
        assertThatThrownBy(() -> Hpke.openBase(lowEnc, skR, pkR, info, new byte[0], s.ciphertext()))
                .isInstanceOf(HpkeOpenException.class).hasMessageContaining("low-order");
    }
}
