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
import org.oversight.domain.policy.ScoreScale;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.tfjs.ModelId;

/**
 * A 1:N gallery: the components of N templates of one model in one contiguous {@code byte[]}
 * (entry {@code j} at {@code [128 j, 128 j + 128)}), with their entry ids.
 *
 * <p>Determinism: scores are exact integers ({@link MatchScore}); results are the best {@code k}
 * under the total order of {@link Candidate} (score, then entry id), computed per chunk and merged
 * under that same order, so any chunking, thread count or insertion order gives the same list.
 * Not thread-safe for concurrent {@link #add}; searches may run concurrently with each other.
 */
public final class TemplateGallery {
    private static final int DIM = FaceTemplate.DIMENSIONS;
    private static final int CHUNK_ENTRIES = 4096;

    private final ModelId modelId;
    private byte[] vectors = new byte[DIM * 16];
    private long[] ids = new long[16];
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
            ids = Arrays.copyOf(ids, size * 2);
            vectors = Arrays.copyOf(vectors, size * 2 * DIM);
        }
        System.arraycopy(template.components(), 0, vectors, size * DIM, DIM);
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
        requireK(k);
        return Collections.unmodifiableList(sorted(scan(probe.components(), k, threshold.maxScore(), 0, size), k));
    }

    /**
     * As {@link #search} but scanning fixed-size chunks in parallel on {@code executor}; the
     * result is identical to the sequential search.
     */
    public List<Candidate> search(FaceTemplate probe, int k, MatchThreshold threshold, ExecutorService executor)
            throws IncompatibleTemplateException {
        requireModel(probe);
        requireK(k);
        byte[] p = probe.components();
        List<CompletableFuture<List<Candidate>>> parts = new ArrayList<>();
        for (int from = 0; from < size; from += CHUNK_ENTRIES) {
            int start = from, end = Math.min(size, from + CHUNK_ENTRIES);
            parts.add(CompletableFuture.supplyAsync(() -> scan(p, k, threshold.maxScore(), start, end), executor));
        }
        List<Candidate> all = new ArrayList<>();
        for (CompletableFuture<List<Candidate>> f : parts) {
            all.addAll(f.join());
        }
        return Collections.unmodifiableList(sorted(all, k));
    }

    private List<Candidate> scan(byte[] probe, int k, int maxScore, int from, int to) {
        PriorityQueue<Candidate> worstFirst = new PriorityQueue<>(Collections.reverseOrder());
        byte[] v = vectors;
        for (int j = from; j < to; j++) {
            int score = MatchScore.squaredDistance(probe, 0, v, j * DIM);
            if (!ScoreScale.passes(score, maxScore)) {
                continue;
            }
            Candidate c = new Candidate(ids[j], score);
            if (worstFirst.size() < k) {
                worstFirst.add(c);
            } else if (c.compareTo(worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(c);
            }
        }
        return new ArrayList<>(worstFirst);
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
