package org.oversight.recognition.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.oversight.recognition.match.internal.BlockedScan;
import org.oversight.domain.policy.ScoreScale;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.tfjs.ModelId;

/**
 * A 1:N gallery: the components of N templates of one model, with their entry ids, in
 * {@link BlockedScan}'s blocked layout (blocks of rows, dimension-major inside a block) plus each
 * template's squared norm.
 *
 * <p>Determinism: scores are exact integers ({@link MatchScore}); results are the best {@code k}
 * under the total order of {@link Candidate} (score, then entry id), which is a function of the
 * gallery's contents and the probe alone — computed per chunk and merged under that same order, so
 * any chunking, thread count, insertion order or number of probes searched together gives the same
 * list. {@link #search(List, int, MatchThreshold)} searches several probes in one pass over the
 * gallery and returns, for each probe, exactly what {@link #search(FaceTemplate, int, MatchThreshold)}
 * returns for it alone.
 * Not thread-safe for concurrent {@link #add}; searches may run concurrently with each other.
 */
public final class TemplateGallery {
    private static final int DIM = FaceTemplate.DIMENSIONS;
    /** Entries per parallel task; a whole number of blocks. */
    private static final int CHUNK_ENTRIES = 4096;

    static {
        if (CHUNK_ENTRIES % BlockedScan.BLOCK_ROWS != 0) {
            throw new AssertionError("chunk " + CHUNK_ENTRIES + " not a multiple of block " + BlockedScan.BLOCK_ROWS);
        }
    }

    private final ModelId modelId;
    private byte[] blocks = new byte[BlockedScan.BLOCK_BYTES];
    private int[] norms = new int[BlockedScan.BLOCK_ROWS];
    private long[] ids = new long[BlockedScan.BLOCK_ROWS];
    private int size;
    private final Set<Long> idSet = new HashSet<>();

    public TemplateGallery(ModelId modelId) {
        this.modelId = modelId;
    }

    /** The model all entries must come from. */
    public ModelId modelId() {
        return modelId;
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /**
     * Adds an entry.
     *
     * @throws IncompatibleTemplateException if the template's model differs from the gallery's
     * @throws DuplicateEntryException if {@code entryId} is already present
     */
    public void add(long entryId, FaceTemplate template) throws IncompatibleTemplateException, DuplicateEntryException {
        requireModel(template);
        if (!idSet.add(entryId)) {
            throw new DuplicateEntryException("gallery already holds entry " + entryId);
        }
        if (size == ids.length) {
            // Whole blocks, so that the kernels never read past the arrays (padding rows are zero).
            ids = Arrays.copyOf(ids, size * 2);
            norms = Arrays.copyOf(norms, size * 2);
            blocks = Arrays.copyOf(blocks, size * 2 * DIM);
        }
        byte[] c = template.components();
        BlockedScan.put(blocks, size, c);
        norms[size] = BlockedScan.norm(c);
        ids[size++] = entryId;
    }

    /**
     * The best {@code k} entries for {@code probe} whose score passes {@code threshold}, best first.
     *
     * @throws IncompatibleTemplateException if the probe's model differs from the gallery's
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<Candidate> search(FaceTemplate probe, int k, MatchThreshold threshold) throws IncompatibleTemplateException {
        requireModel(probe);
        return search(List.of(probe), k, threshold).get(0);
    }

    /**
     * For each of {@code probes}, in order, the best {@code k} entries whose score passes
     * {@code threshold}, best first — element {@code i} equals {@code search(probes.get(i), k, threshold)}
     * (same candidates, same scores, same order), but the gallery is read once for all of them.
     * An empty list of probes gives an empty list.
     *
     * @throws IncompatibleTemplateException if a probe's model differs from the gallery's (naming its index)
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<List<Candidate>> search(List<FaceTemplate> probes, int k, MatchThreshold threshold)
            throws IncompatibleTemplateException {
        Probes p = probes(probes, k);
        List<List<Candidate>> parts = scan(p, k, threshold.maxScore(), 0, size);
        List<List<Candidate>> out = new ArrayList<>(parts.size());
        for (List<Candidate> part : parts) {
            out.add(Collections.unmodifiableList(sorted(part, k)));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * As {@link #search(FaceTemplate, int, MatchThreshold)} but scanning fixed-size chunks in
     * parallel on {@code executor}; the result is identical to the sequential search.
     */
    public List<Candidate> search(FaceTemplate probe, int k, MatchThreshold threshold, ExecutorService executor)
            throws IncompatibleTemplateException {
        requireModel(probe);
        return search(List.of(probe), k, threshold, executor).get(0);
    }

    /**
     * As {@link #search(List, int, MatchThreshold)} but scanning fixed-size chunks in parallel on
     * {@code executor}; the result is identical to the sequential search.
     */
    public List<List<Candidate>> search(List<FaceTemplate> probes, int k, MatchThreshold threshold,
            ExecutorService executor) throws IncompatibleTemplateException {
        Probes p = probes(probes, k);
        List<CompletableFuture<List<List<Candidate>>>> parts = new ArrayList<>();
        for (int from = 0; from < size; from += CHUNK_ENTRIES) {
            int start = from, end = Math.min(size, from + CHUNK_ENTRIES);
            parts.add(CompletableFuture.supplyAsync(() -> scan(p, k, threshold.maxScore(), start, end), executor));
        }
        List<List<Candidate>> all = new ArrayList<>();
        for (int i = 0; i < p.count; i++) {
            all.add(new ArrayList<>());
        }
        for (CompletableFuture<List<List<Candidate>>> f : parts) {
            List<List<Candidate>> part = f.join();
            for (int i = 0; i < p.count; i++) {
                all.get(i).addAll(part.get(i));
            }
        }
        List<List<Candidate>> out = new ArrayList<>(p.count);
        for (List<Candidate> a : all) {
            out.add(Collections.unmodifiableList(sorted(a, k)));
        }
        return Collections.unmodifiableList(out);
    }

    /** The probes' components in the kernels' form. */
    private record Probes(int count, int[] widened, int[] norms) {}

    private Probes probes(List<FaceTemplate> probes, int k) throws IncompatibleTemplateException {
        requireK(k);
        byte[][] components = new byte[probes.size()][];
        int[] probeNorms = new int[probes.size()];
        for (int i = 0; i < components.length; i++) {
            FaceTemplate t = probes.get(i);
            if (!t.modelId().equals(modelId)) {
                throw new IncompatibleTemplateException("probe " + i + ": template model " + t.modelId()
                        + " != gallery model " + modelId);
            }
            components[i] = t.components();
            probeNorms[i] = BlockedScan.norm(components[i]);
        }
        return new Probes(components.length, BlockedScan.widenProbes(components), probeNorms);
    }

    /**
     * The best {@code k} (unsorted) of rows {@code [from, to)} for each probe; {@code from} is a
     * block boundary. Each block is applied to all probes before the next is read.
     */
    private List<List<Candidate>> scan(Probes p, int k, int maxScore, int from, int to) {
        TopK[] best = new TopK[p.count];
        int[] bounds = new int[p.count];
        for (int i = 0; i < p.count; i++) {
            best[i] = new TopK(k, maxScore);
            bounds[i] = maxScore;
        }
        long[] entryIds = ids;
        BlockedScan.Hits hits = (probe, row, score) -> {
            bounds[probe] = best[probe].offer(new Candidate(entryIds[row], score));
        };
        byte[] b = blocks;
        int[] n = norms;
        int[] scratch = BlockedScan.scratch();
        if (p.count > 0) {
            for (int block = from / BlockedScan.BLOCK_ROWS, end = (to + BlockedScan.BLOCK_ROWS - 1) / BlockedScan.BLOCK_ROWS;
                    block < end; block++) {
                BlockedScan.scanBlock(b, n, block, to, p.widened, p.norms, p.count, bounds, scratch, hits);
            }
        }
        List<List<Candidate>> out = new ArrayList<>(p.count);
        for (TopK t : best) {
            out.add(t.list());
        }
        return out;
    }

    /** The best {@code k} candidates offered so far under {@link Candidate}'s order, within {@code maxScore}. */
    private static final class TopK {
        private final PriorityQueue<Candidate> worstFirst = new PriorityQueue<>(Collections.reverseOrder());
        private final int k;
        private final int maxScore;

        TopK(int k, int maxScore) {
            this.k = k;
            this.maxScore = maxScore;
        }

        /**
         * Offers {@code c}; returns the largest score a later candidate can have and still be kept
         * (a tie on score may still win on entry id, so the bound is inclusive).
         */
        int offer(Candidate c) {
            if (ScoreScale.passes(c.score(), maxScore)) {
                if (worstFirst.size() < k) {
                    worstFirst.add(c);
                } else if (c.compareTo(worstFirst.peek()) < 0) {
                    worstFirst.poll();
                    worstFirst.add(c);
                }
            }
            return worstFirst.size() < k ? maxScore : worstFirst.peek().score();
        }

        List<Candidate> list() {
            return new ArrayList<>(worstFirst);
        }
    }

    private static List<Candidate> sorted(List<Candidate> all, int k) {
        all.sort(null);
        return new ArrayList<>(all.subList(0, Math.min(k, all.size())));
    }

    private void requireModel(FaceTemplate t) throws IncompatibleTemplateException {
        if (!t.modelId().equals(modelId)) {
            throw new IncompatibleTemplateException("template model " + t.modelId() + " != gallery model " + modelId);
        }
    }

    private static void requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k " + k + " < 1");
        }
    }
}
