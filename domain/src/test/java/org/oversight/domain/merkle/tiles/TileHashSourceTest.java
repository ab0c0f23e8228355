package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.oversight.domain.merkle.rfc6962.InclusionProofVerifier;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;

/** Tiles computed from a 70,000-leaf tree (three tile levels) reproduce its roots and proofs. */
class TileHashSourceTest {
    static final int SIZE = 70_000;
    static MerkleTree tree;
    static Map<String, byte[]> store;

    @BeforeAll
    static void buildTiles() throws Exception {
        tree = new MerkleTree();
        for (int i = 0; i < SIZE; i++) {
            tree.appendLeaf(ByteBuffer.allocate(4).putInt(i).array());
        }
        store = new HashMap<>();
        for (TileId tile : TileLayout.allTiles(SIZE)) {
            store.put(tile.path(), TileContents.compute(tile, tree));
        }
    }

    static TileReader reader(Map<String, byte[]> tiles) {
        return tile -> {
            byte[] contents = tiles.get(tile.path());
            if (contents == null) {
                throw new IOException("no tile at " + tile.path());
            }
            return contents;
        };
    }

    @Test
    void upperTilesAreRootsOfTheFullTilesBelow() {
        byte[] level1 = store.get("tile/1/000");
        for (int i = 0; i < TileId.FULL_WIDTH; i++) {
            byte[] below = store.get(TileId.full(0, i).path());
            assertThat(TileContents.tileRoot(below)).isEqualTo(TileContents.hashAt(level1, i));
        }
        byte[] level2 = store.get("tile/2/000.p/1");
        assertThat(TileContents.tileRoot(level1)).isEqualTo(TileContents.hashAt(level2, 0));
    }

    @Test
    void rootsFromTilesMatchTheTree() throws Exception {
        TileHashSource source = new TileHashSource(reader(store), SIZE);
        for (long size : new long[] {0, 1, 2, 255, 256, 257, 65_535, 65_536, 65_537, 69_999, SIZE}) {
            assertThat(ProofGenerator.root(source, size)).as("size %d", size).isEqualTo(tree.rootAt(size));
        }
    }

    @Test
    void proofsFromTilesMatchTheTreeAndVerify() throws Exception {
        TileHashSource source = new TileHashSource(reader(store), SIZE);
        Sha256Digest root = tree.root();
        for (long index = 0; index < SIZE; index += 997) {
            var proof = ProofGenerator.inclusionProof(source, index, SIZE);
            assertThat(proof).isEqualTo(tree.inclusionProof(index, SIZE));
            InclusionProofVerifier.verify(proof, source.leafHash(index), root);
        }
        for (long size1 = 1; size1 < SIZE; size1 += 1231) {
            var proof = ProofGenerator.consistencyProof(source, size1, SIZE);
            assertThat(proof).isEqualTo(tree.consistencyProof(size1, SIZE));
            ConsistencyProofVerifier.verify(proof, tree.rootAt(size1), root);
        }
    }

    @Test
    void aProofReadsFewTiles() throws Exception {
        int[] reads = {0};
        TileReader counting = tile -> {
            reads[0]++;
            return reader(store).read(tile);
        };
        ProofGenerator.inclusionProof(new TileHashSource(counting, SIZE), 12_345, SIZE);
        assertThat(reads[0]).isLessThanOrEqualTo(6);
    }

    @Test
    void badTilesAreReported() {
        Map<String, byte[]> broken = new HashMap<>(store);
        broken.put("tile/0/000", new byte[31]);
        TileHashSource source = new TileHashSource(reader(broken), SIZE);
        assertThatThrownBy(() -> source.leafHash(3)).isInstanceOf(HashSourceException.class)
                .hasMessage("tile tile/0/000 has 31 bytes, want 8192");
        broken.remove("tile/0/273.p/112");
        assertThatThrownBy(() -> source.leafHash(SIZE - 1)).isInstanceOf(HashSourceException.class)
                .hasMessageContaining("no tile at tile/0/273.p/112");
    }
}
