package org.oversight.domain.merkle.tiles;

import java.io.IOException;

/** Fetches tile contents from storage or over HTTP; the only I/O seam of this package. */
@FunctionalInterface
public interface TileReader {
    /**
     * The contents of {@code tile} ({@code tile.width() × 32} bytes).
     *
     * @throws IOException if the tile cannot be read
     */
    byte[] read(TileId tile) throws IOException;
}
