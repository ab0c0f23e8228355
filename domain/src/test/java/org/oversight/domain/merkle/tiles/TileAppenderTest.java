package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;

/**
 * Tiles written by the appender at arbitrary checkpoint sizes, with a restart in between, equal
 * the tiles computed from the whole tree, and reproduce its roots.
 */
class TileAppenderTest {

    @Test
    void threeTileLevelsWithARestart() throws Exception {
        checkAppender(70_001, 4099, 33_333);
    }

    @Property(tries = 15)
    void drainedTilesEqualTilesComputedFromTheTree(@ForAll @IntRange(min = 1, max = 5000) int size,
            @ForAll @IntRange(min = 7, max = 700) int checkpointEvery,
            @ForAll @IntRange(min = 0, max = 5000) int restartAt) throws Exception {
        checkAppender(size, checkpointEvery, restartAt);
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
