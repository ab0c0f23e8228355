package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.testing.Unchecked;

/**
 * Tiles written by the appender at arbitrary checkpoint sizes, with a restart in between, equal
 * the tiles computed from the whole tree, and reproduce its roots.
 */
class TileAppenderTest {

    @Test
    void threeTileLevelsWithARestart() throws Exception {
        checkAppender(70_001, 4099, 33_333);
    }

    @Test
    void drainedTilesEqualTilesComputedFromTheTree() {
        qt().withExamples(15).withFixedSeed(0x711e_0001L)
                .forAll(integers().between(1, 5000), integers().between(7, 700), integers().between(0, 5000))
                .checkAssert((size, checkpointEvery, restartAt) ->
                        Unchecked.run(() -> checkAppender(size, checkpointEvery, restartAt)));
    }

    private static void checkAppender(int size, int checkpointEvery, int restartAt) throws Exception {
        MerkleTree tree = new MerkleTree();
        Map<String, byte[]> store = new HashMap<>();
        TileReader reader = tile -> {
            byte[] contents = store.get(tile.path());
            if (contents == null) {
                throw new IOException("no tile at " + tile.path());
            }
            return contents;
        };
        TileAppender appender = TileAppender.empty();
        boolean restarted = false;
        for (int i = 0; i < size; i++) {
            appender.append(tree.appendLeaf(ByteBuffer.allocate(4).putInt(i).array()));
            if ((i + 1) % checkpointEvery == 0 || i + 1 == size) {
                for (Tile tile : appender.drain()) {
                    assertThat(store.put(tile.id().path(), tile.contents())).as("%s written twice", tile.id()).isNull();
                }
                // Everything a reader of this checkpoint needs is there.
                long checkpoint = tree.size();
                assertThat(ProofGenerator.root(new TileHashSource(reader, checkpoint), checkpoint))
                        .isEqualTo(tree.root());
                if (!restarted && i + 1 >= restartAt) {
                    appender = TileAppender.resume(tree.size(), reader);
                    restarted = true;
                }
            }
        }
        for (TileId id : TileLayout.allTiles(size)) {
            assertThat(store.get(id.path())).as("tile %s", id).isEqualTo(TileContents.compute(id, tree));
        }
        TileHashSource source = new TileHashSource(reader, size);
        assertThat(ProofGenerator.root(source, size)).isEqualTo(tree.root());
    }
}
