package org.oversight.domain.merkle.tiles;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.HashSource;
import org.oversight.domain.merkle.rfc6962.HashSourceException;

/**
 * A {@link HashSource} over the tiles of a tree of known size, so
 * {@link org.oversight.domain.merkle.rfc6962.ProofGenerator} can compute proofs from tiles: every
 * perfect subtree is one tile read plus at most 255 node hashes, so a proof costs O(log n) reads
 * whatever the tree size.
 *
 * <p>Tiles are not trusted: a proof built from tampered tiles fails verification against the
 * checkpoint's root. The width of each tile is the one the given tree size implies, so use the
 * size of a checkpoint the log has published (its partial tiles exist).
 *
 * <p>Keeps the most recently read tiles (at most {@value #CACHED_TILES}); not thread-safe.
 */
public final class TileHashSource implements HashSource {
    static final int CACHED_TILES = 16;

    private final TileReader reader;
    private final long treeSize;
    private final Map<TileId, byte[]> cache = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<TileId, byte[]> eldest) {
            return size() > CACHED_TILES;
        }
    };

    /**
     * Tiles of the tree of {@code treeSize} leaves, read through {@code reader}.
     *
     * @throws IllegalArgumentException if {@code treeSize < 0}
     */
    public TileHashSource(TileReader reader, long treeSize) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size " + treeSize + " < 0");
        }
        this.reader = reader;
        this.treeSize = treeSize;
    }

    @Override
    public long size() {
        return treeSize;
    }

    @Override
    public Sha256Digest leafHash(long index) throws HashSourceException {
        return subtreeHash(0, index);
    }

    @Override
    public Sha256Digest subtreeHash(int level, long index) throws HashSourceException {
        HashSource.checkSubtree(level, index, treeSize);
        int tileLevel = level / TileId.HEIGHT;
        int heightInTile = level % TileId.HEIGHT;
        long firstHash = index << heightInTile;
        TileId tile = TileLayout.tileAt(tileLevel, firstHash / TileId.FULL_WIDTH, treeSize);
        byte[] contents = read(tile);
        int offset = (int) (firstHash % TileId.FULL_WIDTH);
        return Sha256Digest.of(TileContents.subtreeRoot(contents, heightInTile, offset >> heightInTile));
    }

    private byte[] read(TileId tile) throws HashSourceException {
        byte[] contents = cache.get(tile);
        if (contents == null) {
            try {
                contents = reader.read(tile);
            } catch (IOException e) {
                throw new HashSourceException("cannot read tile " + tile + ": " + e.getMessage(), e);
            }
            TileContents.checkLength(tile, contents);
            cache.put(tile, contents.clone());
        }
        return contents;
    }
}
