package org.oversight.domain.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch checks signatures grouped by key (one key term per distinct key in a combination), in
 * combinations of {@link CofactoredEd25519#CHUNK}; the verdicts still come back at the indices the
 * signatures were added at, and equal the single verdicts.
 */
class CofactoredEd25519BatchOrderTest {
    private static final int KEYS = 3;

    @Test
    void groupsByKeyInOrderOfFirstAppearanceKeepingEachKeysOrder() {
        byte[][] seeds = seeds(KEYS, new Random(1));
        BcEd25519.PreparedPublicKey[] keys = prepared(seeds);
        CofactoredEd25519.Batch batch = new CofactoredEd25519.Batch();
        byte[] message = {1, 2, 3};
        for (int k : new int[] {1, 0, 1, 2, 0, 1}) {
            batch.add(keys[k], new byte[64], message, 0, message.length);
        }
        assertThat(batch.groupedByKey()).containsExactly(0, 2, 5, 1, 4, 3);
    }

    @Test
    void verdictsLandAtTheIndicesAddedAcrossSeveralCombinations() {
        Random random = new Random(20261206L);
        byte[][] seeds = seeds(KEYS, random);
        BcEd25519.PreparedPublicKey[] keys = prepared(seeds);
        int n = 2 * CofactoredEd25519.CHUNK + 37;
        for (int bad : new int[] {-1, 0, 5, CofactoredEd25519.CHUNK + 1, n - 1}) {
            CofactoredEd25519.Batch batch = new CofactoredEd25519.Batch();
            List<Boolean> single = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(KEYS); // interleaved, as consecutive leaves of many cameras are
                byte[] message = new byte[1 + random.nextInt(300)];
                random.nextBytes(message);
                byte[] signature = BcEd25519.sign(seeds[k], BcEd25519.derivePublicKey(seeds[k]), message, 0,
                        message.length);
                if (i == bad) {
                    message[0] ^= 1;
                }
                batch.add(keys[k], signature, message, 0, message.length);
                single.add(BcEd25519.verify(keys[k], signature, message, 0, message.length));
            }
            boolean[] verdicts = batch.verify();
            for (int i = 0; i < n; i++) {
                assertThat(verdicts[i]).as("bad %d, verdict %d", bad, i).isEqualTo(i != bad).isEqualTo(single.get(i));
            }
            assertThat(batch.combinationHeld()).as("bad %d: the combinations decided", bad).isEqualTo(bad < 0);
        }
    }

    private static byte[][] seeds(int count, Random random) {
        byte[][] seeds = new byte[count][32];
        for (byte[] seed : seeds) {
            random.nextBytes(seed);
        }
        return seeds;
    }

    private static BcEd25519.PreparedPublicKey[] prepared(byte[][] seeds) {
        BcEd25519.PreparedPublicKey[] keys = new BcEd25519.PreparedPublicKey[seeds.length];
        for (int i = 0; i < seeds.length; i++) {
            keys[i] = BcEd25519.prepare(BcEd25519.derivePublicKey(seeds[i]));
        }
        return keys;
    }
}
