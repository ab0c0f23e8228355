package org.oversight.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: in random batches with random bad signatures at random positions, the batch names
 * exactly the bad ones, and every verdict equals {@link Ed25519PublicKey#verifyFramed}'s.
 */
class Ed25519BatchVerifierTest {
    private static final SignatureDomain DOMAIN = SignatureDomain.EVENT_V1;

    private enum Damage { NONE, MESSAGE_BIT, R_BIT, S_BIT, S_PLUS_L, OTHER_KEY, SWAPPED_SIGNATURE }

    @Test
    void namesExactlyTheBadSignaturesInRandomBatches() throws Exception {
        Random random = new Random(20261206L);
        List<Ed25519PrivateKey> keys = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            keys.add(Ed25519PrivateKey.fromSeed(seed));
        }
        int bad = 0;
        int good = 0;
        for (int round = 0; round < 60; round++) {
            int size = 1 + random.nextInt(round < 40 ? 20 : 300); // some batches span several combinations of 128
            double badShare = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.3;
            Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
            List<Boolean> expected = new ArrayList<>();
            List<Boolean> single = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Ed25519PrivateKey key = keys.get(random.nextInt(keys.size()));
                byte[] message = new byte[1 + random.nextInt(1200)];
                random.nextBytes(message);
                byte[] framed = DOMAIN.frame(message);
                byte[] sig = key.sign(DOMAIN, message).toByteArray();
                Ed25519PublicKey verifyingKey = key.publicKey();
                Damage damage = random.nextDouble() < badShare
                        ? Damage.values()[1 + random.nextInt(Damage.values().length - 1)] : Damage.NONE;
                switch (damage) {
                    case NONE -> { }
                    case MESSAGE_BIT -> framed[DOMAIN.prefixLength() + random.nextInt(message.length)] ^=
                            (byte) (1 << random.nextInt(8));
                    case R_BIT -> sig[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
                    case S_BIT -> sig[32 + random.nextInt(31)] ^= (byte) (1 << random.nextInt(8));
                    case S_PLUS_L -> addL(sig);
                    case OTHER_KEY -> verifyingKey = keys.get((keys.indexOf(key) + 1) % keys.size()).publicKey();
                    case SWAPPED_SIGNATURE -> sig = key.sign(DOMAIN, "another message".getBytes(StandardCharsets.US_ASCII))
                            .toByteArray();
                }
                boolean isBad = damage != Damage.NONE;
                Ed25519Signature signature = Ed25519Signature.fromBytes(sig);
                batch.addFramed(verifyingKey, DOMAIN, framed, signature);
                expected.add(!isBad);
                single.add(verifies(verifyingKey, framed, signature));
                if (isBad) {
                    bad++;
                } else {
                    good++;
                }
            }
            assertThat(batch.size()).isEqualTo(size);
            boolean[] verdicts = batch.verify();
            List<Boolean> batched = new ArrayList<>();
            for (boolean v : verdicts) {
                batched.add(v);
            }
            assertThat(batched).as("round %d: batch verdicts", round).isEqualTo(expected);
            assertThat(single).as("round %d: single verdicts", round).isEqualTo(expected);
            assertThat(batch.size()).as("verify starts a new batch").isZero();
        }
        assertThat(bad).as("bad signatures tried").isGreaterThan(100);
        assertThat(good).as("good signatures tried").isGreaterThan(1000);
    }

    @Test
    void emptyBatchHasNoVerdicts() {
        assertThat(new Ed25519BatchVerifier().verify()).isEmpty();
    }

    @Test
    void unframedMessageIsABug() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
        Ed25519Signature sig = key.sign(DOMAIN, new byte[0]);
        assertThatThrownBy(() -> new Ed25519BatchVerifier().addFramed(key.publicKey(), DOMAIN, new byte[3], sig))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message of 3 bytes is not framed in domain EVENT_V1");
    }

    private static boolean verifies(Ed25519PublicKey key, byte[] framed, Ed25519Signature signature) {
        try {
            key.verifyFramed(DOMAIN, framed, signature);
            return true;
        } catch (SignatureVerificationException e) {
            return false;
        }
    }

    /** S := S + L (still below 2²⁵⁶): the same point equation, but a non-canonical S. */
    private static void addL(byte[] sig) {
        java.math.BigInteger l = java.math.BigInteger.ONE.shiftLeft(252)
                .add(new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = sig[63 - i];
        }
        byte[] sum = new java.math.BigInteger(1, be).add(l).toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < sum.length; i++) {
            out[i] = sum[sum.length - 1 - i];
        }
        System.arraycopy(out, 0, sig, 32, 32);
    }
}
