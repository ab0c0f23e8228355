package org.oversight.domain.merkle.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * Which tiles a tree of a given size consists of (C2SP tlog-tiles "Partial Tiles").
 *
 * <p>At level {@code L} a tree of {@code s} leaves has {@code s / 256^L} complete hashes
 * ({@code s >>> 8L}); they fill {@code floor(that / 256)} full tiles and one partial tile of
 * {@code that mod 256} hashes when that is not zero. Empty tiles do not exist.
 */
public final class TileLayout {
    private TileLayout() {}

    /** Number of hashes at tile level {@code level} in a tree of {@code treeSize} leaves. */
    public static long hashesAtLevel(int level, long treeSize) {
        int shift = TileId.HEIGHT * level;
        return shift >= 64 ? 0 : treeSize >>> shift;
    }

    /**
     * Whether a tree of {@code treeSize} leaves holds every hash of {@code tile}: hashes
     * {@code [index·256, index·256 + width)} at the tile's level (a partial tile narrower than the
     * tree's is a prefix of it, so it is held too). Computed without overflow for any index a path
     * can name, so an index near {@code 2^63 / 256} cannot wrap around to a tile that exists.
     *
     * @throws IllegalArgumentException if {@code treeSize < 0}
     */
    public static boolean holds(long treeSize, TileId tile) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size " + treeSize + " < 0");
        }
        long hashes = hashesAtLevel(tile.level(), treeSize);
        // index·256 + width <= hashes, rearranged so that nothing is multiplied.
        return hashes >= tile.width() && tile.index() <= (hashes - tile.width()) / TileId.FULL_WIDTH;
    }

    /**
     * The tile at {@code (level, index)} as it exists in a tree of {@code treeSize} leaves: full,
     * or partial with the width that tree gives it.
     *
     * @throws IllegalArgumentException if that tree has no such tile
     */
    public static TileId tileAt(int level, long index, long treeSize) {
        long hashes = hashesAtLevel(level, treeSize);
        long first = index * TileId.FULL_WIDTH;
        if (index < 0 || first >= hashes || index > Long.MAX_VALUE / TileId.FULL_WIDTH) {
            throw new IllegalArgumentException("tree size " + treeSize + " has no tile at level " + level
                    + ", index " + index);
        }
        return TileId.of(level, index, (int) Math.min(TileId.FULL_WIDTH, hashes - first));
    }

    /**
     * The tiles that a tree of {@code newSize} leaves has and a tree of {@code oldSize} leaves
     * lacks or has narrower: what a log must write when it grows from one to the other. Ordered
     * by level, then index.
     *
     * @throws IllegalArgumentException unless {@code 0 <= oldSize <= newSize}
     */
    public static List<TileId> newTiles(long oldSize, long newSize) {
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("sizes " + oldSize + " to " + newSize + " do not grow");
        }
        List<TileId> out = new ArrayList<>();
        for (int level = 0; hashesAtLevel(level, newSize) > 0; level++) {
            long oldHashes = hashesAtLevel(level, oldSize);
            long newHashes = hashesAtLevel(level, newSize);
            if (newHashes == oldHashes) {
                continue;
            }
            for (long n = oldHashes / TileId.FULL_WIDTH; n <= (newHashes - 1) / TileId.FULL_WIDTH; n++) {
                out.add(tileAt(level, n, newSize));
            }
        }
        return out;
    }

    /** All tiles of a tree of {@code treeSize} leaves (full and partial); {@code newTiles(0, treeSize)}. */
    public static List<TileId> allTiles(long treeSize) {
        return newTiles(0, treeSize);
    }
}
