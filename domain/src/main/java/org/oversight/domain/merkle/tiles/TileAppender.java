package org.oversight.domain.merkle.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.HashSourceException;

/**
 * Builds the tiles of a growing log as leaf hashes are appended, for the sequencer to write at each
 * checkpoint. Holds the rightmost (partial) tile of every level, at most 64 × 8 KiB, plus the full
 * tiles completed since the last {@link #drain()}.
 *
 * <p>Each hash of a level {@code L + 1} tile is the root of the full level-{@code L} tile below
 * (C2SP tlog-tiles), so appending a leaf costs one hash into level 0 and, every 256 leaves, 255
 * node hashes per completed tile. Not thread-safe: one writer per log.
 */
public final class TileAppender {
    private final byte[][] partial = new byte[TileId.MAX_LEVEL + 1][];
    private final int[] widths = new int[TileId.MAX_LEVEL + 1];
    private final Map<TileId, byte[]> completed = new LinkedHashMap<>();
    private long size;
    private long drainedSize;

    private TileAppender(long size) {
        this.size = size;
        this.drainedSize = size;
        for (int level = 0; level <= TileId.MAX_LEVEL; level++) {
            partial[level] = new byte[TileId.FULL_WIDTH * Sha256Digest.LENGTH];
        }
    }

    /** An appender for an empty log. */
    public static TileAppender empty() {
        return new TileAppender(0);
    }

    /**
     * Resumes after {@code size} leaves whose tiles were all written (the size of the last
     * {@link #drain()}), reading back its partial tiles.
     *
     * @throws HashSourceException if a partial tile cannot be read or has the wrong length
     * @throws IllegalArgumentException if {@code size < 0}
     */
    public static TileAppender resume(long size, TileReader reader) throws HashSourceException {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " < 0");
        }
        TileAppender appender = new TileAppender(size);
        for (int level = 0; TileLayout.hashesAtLevel(level, size) > 0; level++) {
            long hashes = TileLayout.hashesAtLevel(level, size);
            int width = (int) (hashes % TileId.FULL_WIDTH);
            if (width == 0) {
                continue;
            }
            TileId tile = TileId.of(level, hashes / TileId.FULL_WIDTH, width);
            byte[] contents;
            try {
                contents = reader.read(tile);
            } catch (IOException e) {
                throw new HashSourceException("cannot read tile " + tile + ": " + e.getMessage(), e);
            }
            TileContents.checkLength(tile, contents);
            System.arraycopy(contents, 0, appender.partial[level], 0, contents.length);
            appender.widths[level] = width;
        }
        return appender;
    }

    /** Leaves appended so far. */
    public long size() {
        return size;
    }

    /**
     * Appends the next leaf hash.
     *
     * @throws IllegalStateException if the log already has {@code Long.MAX_VALUE} leaves
     */
    public void append(Sha256Digest leafHash) {
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("log is full at size " + size);
        }
        add(0, leafHash.toByteArray(), size);
        size++;
    }

    private void add(int level, byte[] hash, long hashIndex) {
        int width = widths[level];
        System.arraycopy(hash, 0, partial[level], width * Sha256Digest.LENGTH, Sha256Digest.LENGTH);
        widths[level] = ++width;
        if (width == TileId.FULL_WIDTH) {
            byte[] full = partial[level].clone();
            completed.put(TileId.full(level, hashIndex / TileId.FULL_WIDTH), full);
            widths[level] = 0;
            add(level + 1, TileContents.tileRoot(full).toByteArray(), hashIndex / TileId.FULL_WIDTH);
        }
    }

    /**
     * The tiles to write so that a reader of a checkpoint at {@link #size()} finds all it needs:
     * those that {@link TileLayout#newTiles}{@code (sizeAtLastDrain, size())} lists, full tiles
     * first completed, then this size's partial tiles, each in level then index order. Forgets the
     * completed full tiles.
     */
    public List<Tile> drain() {
        List<Tile> out = new ArrayList<>();
        for (TileId id : TileLayout.newTiles(drainedSize, size)) {
            if (id.isPartial()) {
                out.add(new Tile(id, Arrays.copyOf(partial[id.level()], id.byteLength())));
            } else {
                byte[] contents = completed.get(id);
                if (contents == null) {
                    throw new IllegalStateException("full tile " + id + " was not built");
                }
                out.add(new Tile(id, contents));
            }
        }
        completed.clear();
        drainedSize = size;
        return out;
    }
}
