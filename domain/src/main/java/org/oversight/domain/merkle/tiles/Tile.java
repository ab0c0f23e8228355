package org.oversight.domain.merkle.tiles;

import java.util.Arrays;
import org.oversight.domain.bytes.Hex;

/** A tile's coordinates and contents ({@code width × 32} bytes of hashes). */
public final class Tile {
    private final TileId id;
    private final byte[] contents;

    /**
     * @throws IllegalArgumentException if {@code contents} is not {@code id.byteLength()} bytes
     */
    public Tile(TileId id, byte[] contents) {
        if (contents.length != id.byteLength()) {
            throw new IllegalArgumentException("tile " + id + " has " + contents.length + " bytes, want "
                    + id.byteLength());
        }
        this.id = id;
        this.contents = contents.clone();
    }

    public TileId id() {
        return id;
    }

    /** A copy of the contents. */
    public byte[] contents() {
        return contents.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tile other && id.equals(other.id) && Arrays.equals(contents, other.contents);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(contents);
    }

    @Override
    public String toString() {
        return id.path() + ": " + Hex.encode(contents);
    }
}
