package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.testing.Unchecked;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

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

    @Test
    void pathsRoundTrip() {
        qt().withExamples(300).withFixedSeed(0x7a7e_0001L)
                .forAll(integers().between(0, 63), longs().between(0, Long.MAX_VALUE), integers().between(1, 256))
                .checkAssert((level, index, width) -> Unchecked.run(() -> pathsRoundTrip(level, index, width)));
    }

    private static void pathsRoundTrip(int level, long index, int width) throws Exception {
        TileId tile = TileId.of(level, index, width);
        assertThat(TilePath.parseTile(tile.path())).isEqualTo(tile);
        TileId leafTile = TileId.of(0, index, width);
        assertThat(TilePath.parseEntryBundle(TilePath.entryBundle(leafTile))).isEqualTo(leafTile);
    }

    /**
     * Strings of up to 40 characters, mostly from the path alphabet so that the parser gets past its
     * first checks; any other code point (mapped to "/" by the property) is mixed in.
     */
    static Gen<String> suffixes() {
        Gen<Integer> codePoint = Generate.frequency(List.of(
                Pair.of(6, Generate.pick("0123456789x/.p".chars().boxed().toList())),
                Pair.of(1, integers().between(0, 0xd7ff))));
        return lists().of(codePoint).ofSizeBetween(0, 40).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    /** Fuzz: any string parses to a tile whose canonical path is that string, or is rejected. */
    @Test
    void parserAcceptsOnlyCanonicalPaths() {
        qt().withExamples(1000).withFixedSeed(0x7a7e_0002L).forAll(suffixes(), integers().between(0, 2))
                .checkAssert((suffix, prefixChoice) -> {
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
                });
    }
}
