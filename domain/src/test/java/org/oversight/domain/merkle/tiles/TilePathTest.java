package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TilePathTest {

    @Test
    void specExamples() throws Exception {
        assertThat(TilePath.encodeIndex(1234067)).isEqualTo("x001/x234/067");
        assertThat(TilePath.encodeIndex(0)).isEqualTo("000");
        assertThat(TilePath.encodeIndex(999)).isEqualTo("999");
        assertThat(TilePath.encodeIndex(1000)).isEqualTo("x001/000");
        assertThat(TileId.full(0, 1234067).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(TileId.of(2, 1234067, 8).path()).isEqualTo("tile/2/x001/x234/067.p/8");
        assertThat(TilePath.entryBundle(TileId.of(0, 1234067, 8))).isEqualTo("tile/entries/x001/x234/067.p/8");
        assertThat(TilePath.entryBundle(TileId.full(0, 5))).isEqualTo("tile/entries/005");
        assertThat(TilePath.encodeIndex(Long.MAX_VALUE)).isEqualTo("x009/x223/x372/x036/x854/x775/807");
        assertThat(TilePath.parseTile("tile/63/x009/x223/x372/x036/x854/x775/807"))
                .isEqualTo(TileId.full(63, Long.MAX_VALUE));
        assertThat(TilePath.parseTile("tile/1/x001/x234/067.p/255")).isEqualTo(TileId.of(1, 1234067, 255));
        assertThat(TilePath.parseEntryBundle("tile/entries/x001/000.p/1")).isEqualTo(TileId.of(0, 1000, 1));
    }

    @Test
    void nonCanonicalPathsAreRejectedNamingThePart() {
        assertThatThrownBy(() -> TilePath.parseTile("tile/01/000")).isInstanceOf(TilePathException.class)
                .hasMessageContaining("level \"01\"");
        assertThatThrownBy(() -> TilePath.parseTile("tile/64/000")).hasMessageContaining("tile level 64 > 63");
        assertThatThrownBy(() -> TilePath.parseTile("tile/0/001/002")).hasMessageContaining("lacks its \"x\" prefix");
        assertThatThrownBy(() -> TilePath.parseTile("tile/0/x000/002")).hasMessageContaining("superfluous");
        assertThatThrownBy(() -> TilePath.parseTile("tile/0/12")).hasMessageContaining("\"12\" is not 3 digits");
        assertThatThrownBy(() -> TilePath.parseTile("tile/0/012.p/256")).hasMessageContaining("width 256");
        assertThatThrownBy(() -> TilePath.parseTile("tile/0/012.p/0")).hasMessageContaining("width 0");
        assertThatThrownBy(() -> TilePath.parseTile("tile/0/012.p/08")).hasMessageContaining("width \"08\"");
        assertThatThrownBy(() -> TilePath.parseTile("tile/0/x009/x999/x999/x999/x999/x999/999"))
                .hasMessageContaining("overflows");
        assertThatThrownBy(() -> TilePath.parseTile("tile/entries/000")).hasMessageContaining("does not start with");
        assertThatThrownBy(() -> TilePath.parseEntryBundle("tile/0/000")).hasMessageContaining("does not start with");
        assertThatThrownBy(() -> TilePath.parseTile("tile/0/000/")).isInstanceOf(TilePathException.class);
    }

    @Property(tries = 300)
    void pathsRoundTrip(@ForAll @IntRange(min = 0, max = 63) int level,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long index,
            @ForAll @IntRange(min = 1, max = 256) int width) throws Exception {
        TileId tile = TileId.of(level, index, width);
        assertThat(TilePath.parseTile(tile.path())).isEqualTo(tile);
        TileId leafTile = TileId.of(0, index, width);
        assertThat(TilePath.parseEntryBundle(TilePath.entryBundle(leafTile))).isEqualTo(leafTile);
    }

    /** Fuzz: any string parses to a tile whose canonical path is that string, or is rejected. */
    @Property(tries = 1000)
    void parserAcceptsOnlyCanonicalPaths(@ForAll @StringLength(max = 40) String suffix,
            @ForAll @IntRange(min = 0, max = 2) int prefixChoice) {
        String path = new String[] {"tile/", "tile/0/", "tile/entries/"}[prefixChoice]
                + suffix.replaceAll("[^0-9x/.p]", "/");
        try {
            assertThat(TilePath.parseTile(path).path()).isEqualTo(path);
        } catch (TilePathException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            assertThat(TilePath.entryBundle(TilePath.parseEntryBundle(path))).isEqualTo(path);
        } catch (TilePathException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
