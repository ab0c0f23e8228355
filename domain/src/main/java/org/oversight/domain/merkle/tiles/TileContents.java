package org.oversight.domain.merkle.tiles;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.HashSource;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.oversight.domain.merkle.rfc6962.internal.NodeHashing;

/**
 * Tile contents: the tile's hashes, 32 bytes each, concatenated in index order.
 *
 * <p>Level-0 tiles hold leaf hashes; each hash of a level {@code L+1} tile is the root of the full
 * level-{@code L} tile below it ({@link #tileRoot}), so upper tiles can be built from lower ones
 * without the leaves.
 */
public final class TileContents {
    private TileContents() {}

    /**
     * Computes {@code tile} from a tree: hash {@code i} is the perfect subtree
     * {@code (8·L, N·256 + i)}.
     *
     * @throws IllegalArgumentException if {@code source} is too small to contain {@code tile}
     * @throws HashSourceException if the source fails
     */
    public static byte[] compute(TileId tile, HashSource source) throws HashSourceException {
        long first = tile.index() * TileId.FULL_WIDTH;
        long needed = TileLayout.hashesAtLevel(tile.level(), source.size());
        if (first + tile.width() > needed) {
            throw new IllegalArgumentException("tile " + tile + " needs " + (first + tile.width())
                    + " hashes at its level, source of size " + source.size() + " has " + needed);
        }
        byte[] out = new byte[tile.byteLength()];
        for (int i = 0; i < tile.width(); i++) {
            byte[] hash = source.subtreeHash(tile.hashLevel(), first + i).toByteArray();
            System.arraycopy(hash, 0, out, i * Sha256Digest.LENGTH, Sha256Digest.LENGTH);
        }
        return out;
    }

    /** A level-0 tile of these leaf hashes (1 to 256 of them). */
    public static byte[] ofHashes(List<Sha256Digest> hashes) {
        if (hashes.isEmpty() || hashes.size() > TileId.FULL_WIDTH) {
            throw new IllegalArgumentException("a tile holds 1 to 256 hashes, not " + hashes.size());
        }
        byte[] out = new byte[hashes.size() * Sha256Digest.LENGTH];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i).toByteArray(), 0, out, i * Sha256Digest.LENGTH, Sha256Digest.LENGTH);
        }
        return out;
    }

    /**
     * The root of a full tile's 256 hashes: the hash the tile contributes to the level above.
     *
     * @throws IllegalArgumentException if {@code fullTile} is not 8192 bytes
     */
    public static Sha256Digest tileRoot(byte[] fullTile) {
        if (fullTile.length != TileId.FULL_WIDTH * Sha256Digest.LENGTH) {
            throw new IllegalArgumentException("full tile has " + fullTile.length + " bytes, want "
                    + TileId.FULL_WIDTH * Sha256Digest.LENGTH);
        }
        return Sha256Digest.of(subtreeRoot(fullTile, TileId.HEIGHT, 0));
    }

    /** Hash {@code i} of the tile contents. */
    public static Sha256Digest hashAt(byte[] contents, int i) {
        return Sha256Digest.of(slice(contents, i));
    }

    /**
     * Checks that {@code contents} has the length {@code tile} needs.
     *
     * @throws HashSourceException naming the tile and both lengths otherwise
     */
    public static void checkLength(TileId tile, byte[] contents) throws HashSourceException {
        if (contents.length != tile.byteLength()) {
            throw new HashSourceException("tile " + tile + " has " + contents.length + " bytes, want "
                    + tile.byteLength());
        }
    }

    /**
     * Root of the {@code 2^height} hashes starting at hash {@code index·2^height} of
     * {@code contents}: a perfect subtree {@code height} levels above the tile's hash level.
     */
    static byte[] subtreeRoot(byte[] contents, int height, int index) {
        int count = 1 << height;
        int first = index * count * Sha256Digest.LENGTH;
        if (count == 1) {
            return Arrays.copyOfRange(contents, first, first + Sha256Digest.LENGTH);
        }
        // The lowest level hashes straight from the tile bytes; higher levels from the results.
        byte[][] work = new byte[count / 2][];
        MessageDigest md = Sha256Digest.threadLocalDigest();
        for (int i = 0; i < count / 2; i++) {
            md.update(NodeHashing.NODE_PREFIX);
            md.update(contents, first + 2 * i * Sha256Digest.LENGTH, 2 * Sha256Digest.LENGTH);
            work[i] = md.digest();
        }
        for (int width = count / 2; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                work[i] = NodeHashing.nodeHash(work[2 * i], work[2 * i + 1]);
            }
        }
        return work[0];
    }

    private static byte[] slice(byte[] contents, int i) {
        byte[] out = new byte[Sha256Digest.LENGTH];
        System.arraycopy(contents, i * Sha256Digest.LENGTH, out, 0, Sha256Digest.LENGTH);
        return out;
    }
}
