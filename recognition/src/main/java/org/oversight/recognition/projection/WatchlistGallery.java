package org.oversight.recognition.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.oversight.recognition.match.internal.BlockedScan;

/**
 * The comparable templates of a set of watchlist entries under one policy, in
 * {@link BlockedScan}'s layout, for searching several detections in one pass
 * ({@link RecognitionProjection#applyAll}). Built per run of detections; not shared.
 */
final class WatchlistGallery {
    private final byte[] blocks;
    private final int[] norms;
    private final WatchedEntry[] entries;
    private final byte[][] embeddedModels;
    private final int size;

    private WatchlistGallery(byte[] blocks, int[] norms, WatchedEntry[] entries, byte[][] embeddedModels, int size) {
        this.blocks = blocks;
        this.norms = norms;
        this.entries = entries;
        this.embeddedModels = embeddedModels;
        this.size = size;
    }

    /** Every template of {@code visible} that is {@link WatchedEntry#comparable} under {@code modelId} and {@code format}. */
    static WatchlistGallery of(Collection<WatchedEntry> visible, String modelId, long format) {
        List<WatchedEntry> rowEntries = new ArrayList<>();
        List<Integer> rowTemplates = new ArrayList<>();
        for (WatchedEntry e : visible) {
            for (int i = 0; i < e.templateCount(); i++) {
                if (e.comparable(i, modelId, format)) {
                    rowEntries.add(e);
                    rowTemplates.add(i);
                }
            }
        }
        int size = rowEntries.size();
        int blockCount = (size + BlockedScan.BLOCK_ROWS - 1) / BlockedScan.BLOCK_ROWS;
        byte[] blocks = new byte[blockCount * BlockedScan.BLOCK_BYTES];
        int[] norms = new int[blockCount * BlockedScan.BLOCK_ROWS];
        WatchedEntry[] entries = new WatchedEntry[size];
        byte[][] models = new byte[size][];
        for (int r = 0; r < size; r++) {
            WatchedEntry e = rowEntries.get(r);
            byte[] c = e.components(rowTemplates.get(r));
            BlockedScan.put(blocks, r, c);
            norms[r] = BlockedScan.norm(c);
            entries[r] = e;
            models[r] = e.embeddedModel(rowTemplates.get(r));
        }
        return new WatchlistGallery(blocks, norms, entries, models, size);
    }

    /**
     * For each probe (128 components, embedded model id {@code probeModels[p]}): each entry with a
     * template scoring at most {@code bound} whose embedded model id equals the probe's, mapped to
     * its smallest such score. Looked up by entry, never iterated, so hashing cannot reach an output.
     */
    List<Map<WatchedEntry, Integer>> bestWithin(byte[][] probes, byte[][] probeModels, int bound) {
        List<Map<WatchedEntry, Integer>> best = new ArrayList<>(probes.length);
        int[] probeNorms = new int[probes.length];
        int[] bounds = new int[probes.length];
        for (int p = 0; p < probes.length; p++) {
            best.add(new HashMap<>());
            probeNorms[p] = BlockedScan.norm(probes[p]);
            bounds[p] = bound;
        }
        int[] widened = BlockedScan.widenProbes(probes);
        int[] scratch = BlockedScan.scratch();
        BlockedScan.Hits hits = (p, row, score) -> {
            if (Arrays.equals(embeddedModels[row], probeModels[p])) {
                best.get(p).merge(entries[row], score, Math::min);
            }
        };
        for (int block = 0; block * BlockedScan.BLOCK_ROWS < size; block++) {
            BlockedScan.scanBlock(blocks, norms, block, size, widened, probeNorms, probes.length, bounds, scratch, hits);
        }
        return best;
    }
}
