package org.oversight.domain.merkle.tiles;

import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * Coordinates of a C2SP tlog-tiles tile: level {@code L} (0–63), index {@code N} within the level,
 * and width {@code W} (1–256 hashes; 256 is a full tile).
 *
 * <p>Tile {@code (L, N)} holds, for {@code i < W}, {@code MTH(D[(N·256 + i)·256^L : (N·256 + i +
 * 1)·256^L])}: the hashes of the Merkle tree at height {@code 8·L}, i.e. node
 * {@code (8·L, N·256 + i)} in {@code (level, index)} node coordinates.
 */
public final class TileId {
    /** Tree levels spanned by one tile. */
    public static final int HEIGHT = 8;
    /** Hashes in a full tile. */
    public static final int FULL_WIDTH = 1 << HEIGHT;
    /** Largest tile level C2SP allows. */
    public static final int MAX_LEVEL = 63;

    private final int level;
    private final long index;
    private final int width;

    private TileId(int level, long index, int width) {
        this.level = level;
        this.index = index;
        this.width = width;
    }

    /**
     * The tile at {@code (level, index)} with {@code width} hashes.
     *
     * @throws IllegalArgumentException if a coordinate is out of range (a caller bug; paths from
     *     outside go through {@link TilePath#parseTile})
     */
    public static TileId of(int level, long index, int width) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level " + level + " outside [0, " + MAX_LEVEL + "]");
        }
        if (index < 0) {
            throw new IllegalArgumentException("tile index " + index + " < 0");
        }
        if (width < 1 || width > FULL_WIDTH) {
            throw new IllegalArgumentException("tile width " + width + " outside [1, " + FULL_WIDTH + "]");
        }
        return new TileId(level, index, width);
    }

    /** A full (256-hash) tile. */
    public static TileId full(int level, long index) {
        return of(level, index, FULL_WIDTH);
    }

    public int level() {
        return level;
    }

    public long index() {
        return index;
    }

    public int width() {
        return width;
    }

    public boolean isPartial() {
        return width < FULL_WIDTH;
    }

    /** Bytes of this tile's contents: {@code width × 32}. */
    public int byteLength() {
        return width * Sha256Digest.LENGTH;
    }

    /** Tree level of the hashes in this tile: {@code 8 × level}. */
    public int hashLevel() {
        return HEIGHT * level;
    }

    /** {@code tile/<L>/<N>[.p/<W>]}. */
    public String path() {
        return TilePath.tile(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileId other && level == other.level && index == other.index && width == other.width;
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, index, width);
    }

    @Override
    public String toString() {
        return path();
    }
}
