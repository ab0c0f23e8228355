package org.oversight.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.ledger.sequencer.TestDatabases;

class CosignatureStoreTest {
    private static Ed25519Cosigner witness(int n) throws Exception {
        byte[] seed = new byte[32];
        seed[9] = (byte) n;
        return Ed25519Cosigner.of("witness.test/w" + n, Ed25519PrivateKey.fromSeed(seed));
    }

    @Test
    void theFirstCosignatureOfACheckpointIsKeptWhenTheWitnessCosignsItAgainLater() throws Exception {
        CosignatureStore store = new CosignatureStore(TestDatabases.fresh());
        Ed25519Cosigner w = witness(1);
        byte[] text = "example.org/log\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".getBytes();
        Cosignature first = w.cosign(text, 1_000);
        Cosignature again = w.cosign(text, 2_000);  // the log resubmitted size 5 after a restart
        store.save(5, first);
        store.save(5, again);
        // R11 dates leaves by the witness time: the later line would make them look older than they are.
        assertThat(store.lines(5)).containsExactly(first.toLine());
    }

    @Test
    void cosignedSizesArePagedInIncreasingOrder() throws Exception {
        CosignatureStore store = new CosignatureStore(TestDatabases.fresh());
        Ed25519Cosigner w1 = witness(1);
        Ed25519Cosigner w2 = witness(2);
        byte[] text = "t\n".getBytes();
        for (long size : new long[] {9, 3, 7, 12}) {
            store.save(size, w1.cosign(text, size));
        }
        store.save(7, w2.cosign(text, 7));
        assertThat(store.cosignedSizes(0, 100, 10)).containsExactly(3L, 7L, 9L, 12L);
        assertThat(store.cosignedSizes(3, 9, 10)).containsExactly(7L, 9L);
        assertThat(store.cosignedSizes(0, 100, 2)).containsExactly(3L, 7L);
        assertThat(store.largestSizeWith(2)).isEqualTo(7);
        assertThat(store.cosignedSizes(12, 100, 10)).isEqualTo(List.of());
    }
}
