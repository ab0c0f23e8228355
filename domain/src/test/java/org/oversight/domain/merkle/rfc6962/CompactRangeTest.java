package org.oversight.domain.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;

class CompactRangeTest {

    /** RFC 9162 §2.1.1 MTH, written from the definition, as an independent reference. */
    static Sha256Digest referenceRoot(List<Sha256Digest> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return Sha256Digest.hash(new byte[0]);
        }
        if (n == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(n - 1);
        return Rfc6962Hashing.nodeHash(referenceRoot(leafHashes.subList(0, k)), referenceRoot(leafHashes.subList(k, n)));
    }

    @Test
    void rootEqualsReferenceAndTreeAtEverySize() {
        CompactRange range = CompactRange.empty();
        MerkleTree tree = new MerkleTree();
        List<Sha256Digest> leaves = new ArrayList<>();
        for (int size = 1; size <= 3000; size++) {
            Sha256Digest leaf = Rfc6962Hashing.leafHash(ByteBuffer.allocate(4).putInt(size).array());
            leaves.add(leaf);
            assertThat(range.append(leaf)).isEqualTo(size);
            tree.append(leaf);
            assertThat(range.root()).as("size %d", size).isEqualTo(tree.root());
            if (size <= 300 || size % 97 == 0) {
                assertThat(range.root()).as("reference at size %d", size).isEqualTo(referenceRoot(leaves));
            }
            assertThat(range.peaks()).hasSize(Integer.bitCount(size));
        }
    }

    @Property(tries = 50)
    void persistedStateRestoresTheSameRange(@ForAll @IntRange(min = 0, max = 5000) int size,
            @ForAll @IntRange(min = 1, max = 20) int more) throws Exception {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < size; i++) {
            range.appendLeaf(ByteBuffer.allocate(4).putInt(i).array());
        }
        byte[] state = range.toBytes();
        assertThat(state).hasSize(8 + 32 * Integer.bitCount(size));
        CompactRange fromBytes = CompactRange.fromBytes(state);
        CompactRange fromPeaks = CompactRange.restore(range.size(), range.peaks());
        assertThat(fromBytes).isEqualTo(range);
        assertThat(fromPeaks).isEqualTo(range);
        CompactRange copy = range.copy();
        for (int i = size; i < size + more; i++) {
            byte[] leaf = ByteBuffer.allocate(4).putInt(i).array();
            range.appendLeaf(leaf);
            fromBytes.appendLeaf(leaf);
        }
        assertThat(fromBytes.root()).isEqualTo(range.root());
        assertThat(copy.size()).as("copy is independent").isEqualTo(size);
    }

    @Test
    void malformedStateIsRejectedWithTheOffendingValue() {
        Sha256Digest h = Rfc6962Hashing.leafHash(new byte[0]);
        assertThatThrownBy(() -> CompactRange.restore(3, List.of(h))).isInstanceOf(CompactRangeException.class)
                .hasMessage("size 3 needs 2 peaks, got 1");
        assertThatThrownBy(() -> CompactRange.restore(-1, List.of())).hasMessage("size -1 < 0");
        assertThatThrownBy(() -> CompactRange.fromBytes(new byte[5])).hasMessage("state has 5 bytes, want at least 8");
        byte[] state = ByteBuffer.allocate(8 + 32).putLong(3).array();
        assertThatThrownBy(() -> CompactRange.fromBytes(state)).hasMessage("state for size 3 has 40 bytes, want 72");
        byte[] negative = ByteBuffer.allocate(8).putLong(Long.MIN_VALUE).array();
        assertThatThrownBy(() -> CompactRange.fromBytes(negative)).hasMessage("size " + Long.MIN_VALUE + " < 0");
    }

    /** Fuzz: arbitrary bytes either restore to a range that re-encodes identically, or are rejected. */
    @Property(tries = 300)
    void fromBytesNeverFailsOtherwise(@ForAll byte[] state) {
        try {
            CompactRange range = CompactRange.fromBytes(state);
            assertThat(range.toBytes()).isEqualTo(state);
        } catch (CompactRangeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
