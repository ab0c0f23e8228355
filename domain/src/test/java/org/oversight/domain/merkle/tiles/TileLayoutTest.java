package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TileLayoutTest {

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
