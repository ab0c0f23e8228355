package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class TileLayoutTest {

    /** The paths that wrapped around before: 2^56 · 256 = 2^64 ≡ 0 and 2^55 · 256 = 2^63 < 0 in a long. */
    @Test
    void indexesThatOverflowWhenScaledAreNotHeld() throws Exception {
        TileId wrapsToZero = TilePath.parseTile("tile/0/x072/x057/x594/x037/x927/936");
        TileId wrapsNegative = TilePath.parseTile("tile/0/x036/x028/x797/x018/x963/968");
        assertThat(wrapsToZero.index()).isEqualTo(1L << 56);
        assertThat(wrapsNegative.index()).isEqualTo(1L << 55);
        for (long size : new long[] {0, 1, 256, 70_000, Long.MAX_VALUE}) {
            assertThat(TileLayout.holds(size, wrapsToZero)).as("size %d", size).isFalse();
            assertThat(TileLayout.holds(size, wrapsNegative)).as("size %d", size).isFalse();
            assertThat(TileLayout.holds(size, TilePath.parseEntryBundle("tile/entries/x072/x057/x594/x037/x927/936")))
                    .isFalse();
        }
        assertThat(TileLayout.holds(Long.MAX_VALUE, TileId.full(0, (Long.MAX_VALUE >>> 8) - 1))).isTrue();
        assertThat(TileLayout.holds(Long.MAX_VALUE, TileId.full(0, Long.MAX_VALUE >>> 8))).isFalse();
        assertThat(TileLayout.holds(Long.MAX_VALUE, TileId.of(0, Long.MAX_VALUE >>> 8, 255))).isTrue();
    }

    @Test
    void heldTilesAreExactlyThoseWithinTheTree() {
        assertThat(TileLayout.holds(70_000, TileId.full(0, 272))).isTrue();
        assertThat(TileLayout.holds(70_000, TileId.full(0, 273))).isFalse();
        assertThat(TileLayout.holds(70_000, TileId.of(0, 273, 112))).isTrue();
        assertThat(TileLayout.holds(70_000, TileId.of(0, 273, 113))).isFalse();
        assertThat(TileLayout.holds(70_000, TileId.of(0, 273, 1))).isTrue();
        assertThat(TileLayout.holds(70_000, TileId.of(2, 0, 1))).isTrue();
        assertThat(TileLayout.holds(70_000, TileId.of(2, 0, 2))).isFalse();
        assertThat(TileLayout.holds(70_000, TileId.of(3, 0, 1))).isFalse();
        assertThat(TileLayout.holds(0, TileId.of(0, 0, 1))).isFalse();
        assertThat(TileLayout.holds(Long.MAX_VALUE, TileId.of(63, 0, 1))).isFalse();
        assertThat(TileLayout.holds(Long.MAX_VALUE, TileId.of(7, 0, 127))).isTrue();
    }

    /** Property: {@code holds} agrees with the exact (BigInteger) inequality index·256 + width <= hashes. */
    @Test
    void holdsAgreesWithExactArithmetic() {
        qt().withExamples(2000).withFixedSeed(0x7a7e_0003L)
                .forAll(integers().between(0, 63),
                        Generate.pick(List.of(0L, 1L, 255L, 256L, 1L << 47, 1L << 55,
                                1L << 56, (1L << 55) + 1, Long.MAX_VALUE >>> 8, Long.MAX_VALUE / 256 - 1,
                                Long.MAX_VALUE)).mix(longs().between(0, Long.MAX_VALUE)),
                        integers().between(1, 256),
                        longs().between(0, Long.MAX_VALUE))
                .checkAssert((level, index, width, size) -> {
                    BigInteger needed = BigInteger.valueOf(index).shiftLeft(8)
                            .add(BigInteger.valueOf(width));
                    boolean exact = needed.compareTo(BigInteger.valueOf(TileLayout.hashesAtLevel(level, size))) <= 0;
                    assertThat(TileLayout.holds(size, TileId.of(level, index, width))).isEqualTo(exact);
                });
    }

    @Test
    void specExampleOfSeventyThousandLeaves() {
        // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile, one
        // partial level 1 tile of width 17, and one partial level 2 tile of width 1."
        List<TileId> tiles = TileLayout.allTiles(70_000);
        assertThat(tiles.stream().filter(t -> t.level() == 0 && !t.isPartial()).count()).isEqualTo(273);
        assertThat(tiles.stream().filter(TileId::isPartial).map(TileId::path).collect(Collectors.toList()))
                .containsExactly("tile/0/273.p/112", "tile/1/001.p/17", "tile/2/000.p/1");
        assertThat(tiles.stream().filter(t -> t.level() == 1 && !t.isPartial()).map(TileId::path))
                .containsExactly("tile/1/000");
        assertThat(tiles).hasSize(273 + 1 + 1 + 1 + 1);
    }

    @Test
    void specExampleOf256Leaves() {
        assertThat(TileLayout.allTiles(256)).extracting(TileId::path).containsExactly("tile/0/000", "tile/1/000.p/1");
        assertThat(TileLayout.allTiles(0)).isEmpty();
    }

    @Test
    void newTilesAreThoseThatGrew() {
        assertThat(TileLayout.newTiles(70_000, 70_000)).isEmpty();
        assertThat(TileLayout.newTiles(70_000, 70_001)).extracting(TileId::path).containsExactly("tile/0/273.p/113");
        assertThat(TileLayout.newTiles(65_535, 65_536)).extracting(TileId::path)
                .containsExactly("tile/0/255", "tile/1/000", "tile/2/000.p/1");
        assertThat(TileLayout.newTiles(300, 600)).extracting(TileId::path)
                .containsExactly("tile/0/001", "tile/0/002.p/88", "tile/1/000.p/2");
    }
}
