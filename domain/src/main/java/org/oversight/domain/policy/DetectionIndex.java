package org.oversight.domain.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.Timestamp;

/**
 * What the rules need of every accepted detection — leaf, event hash, capture time, template model
 * and format, and for a sealed (schema-2) detection its erasure epoch — in parallel primitive
 * arrays (about 60 bytes a detection, no template bytes), since a log holds far more detections
 * than anything else and any later match or disclosure may name any of them.
 */
final class DetectionIndex {
    /**
     * What a match's detection reference resolves to.
     *
     * @param epoch the erasure epoch a schema-2 detection is sealed to; null for a schema-1
     *     detection, which has no sealed record
     */
    record Detection(EventHash hash, Timestamp captureTime, String modelId, int templateFormat, String epoch) {
        /** Whether the detection is sealed (schema 2) and so has a record R5, R8 and R-disclosure judge. */
        boolean sealed() {
            return epoch != null;
        }
    }

    private long[] leaves = new long[64];
    private long[] hashes = new long[64 * 4];
    private long[] captureMillis = new long[64];
    private int[] models = new int[64];
    private int[] formats = new int[64];
    /** Index into {@link #epochNames}, or -1 for a schema-1 detection. */
    private int[] epochs = new int[64];
    private int size;
    private final TreeMap<String, Integer> modelIds = new TreeMap<>();
    private final List<String> modelNames = new ArrayList<>();
    private final TreeMap<String, Integer> epochIds = new TreeMap<>();
    private final List<String> epochNames = new ArrayList<>();

    /**
     * Records the detection at {@code leaf}.
     *
     * @throws IllegalArgumentException if {@code leaf} is not greater than the last one recorded
     */
    void add(long leaf, EventHash hash, FaceDetected detection) {
        add(leaf, hash, detection.captureTime(), detection.modelId(), detection.template().format(), null);
    }

    /**
     * Records the detection at {@code leaf}.
     *
     * @param epoch the erasure epoch of a schema-2 detection, null for schema 1
     * @throws IllegalArgumentException if {@code leaf} is not greater than the last one recorded
     */
    void add(long leaf, EventHash hash, Timestamp captureTime, String model, int format, String epoch) {
        if (size > 0 && leaf <= leaves[size - 1]) {
            throw new IllegalArgumentException("leaf " + leaf + " <= last detection leaf " + leaves[size - 1]);
        }
        if (size == leaves.length) {
            int n = size * 2;
            leaves = Arrays.copyOf(leaves, n);
            hashes = Arrays.copyOf(hashes, n * 4);
            captureMillis = Arrays.copyOf(captureMillis, n);
            models = Arrays.copyOf(models, n);
            formats = Arrays.copyOf(formats, n);
            epochs = Arrays.copyOf(epochs, n);
        }
        leaves[size] = leaf;
        byte[] h = hash.toByteArray();
        for (int i = 0; i < 4; i++) {
            hashes[size * 4 + i] = longAt(h, i * 8);
        }
        captureMillis[size] = captureTime.epochMillis();
        models[size] = intern(model, modelIds, modelNames);
        formats[size] = format;
        epochs[size] = epoch == null ? -1 : intern(epoch, epochIds, epochNames);
        size++;
    }

    /** The detection recorded at {@code leaf}, or null if none was. */
    Detection at(long leaf) {
        int i = Arrays.binarySearch(leaves, 0, size, leaf);
        if (i < 0) {
            return null;
        }
        byte[] h = new byte[EventHash.LENGTH];
        for (int j = 0; j < 4; j++) {
            putLong(h, j * 8, hashes[i * 4 + j]);
        }
        return new Detection(EventHash.of(h), Timestamp.ofEpochMillis(captureMillis[i]), modelNames.get(models[i]),
                formats[i], epochs[i] < 0 ? null : epochNames.get(epochs[i]));
    }

    /**
     * S's candidates ({@link SearchScope.View#sealedDetections}): the sealed (schema-2) detections
     * at leaves below {@code beforeLeaf} captured in {@code [from, until)}, in leaf order. A scan of
     * every detection: searches are rare, detections many, and no index by capture time is kept.
     */
    List<SearchScope.SealedDetection> sealedIn(long beforeLeaf, Timestamp from, Timestamp until) {
        List<SearchScope.SealedDetection> out = new ArrayList<>();
        long f = from.epochMillis();
        long u = until.epochMillis();
        for (int i = 0; i < size && leaves[i] < beforeLeaf; i++) {
            if (epochs[i] >= 0 && captureMillis[i] >= f && captureMillis[i] < u) {
                Detection d = at(leaves[i]);
                out.add(new SearchScope.SealedDetection(new org.oversight.domain.event.DetectionRef(d.hash(), leaves[i]),
                        d.captureTime(), d.modelId(), d.epoch()));
            }
        }
        return out;
    }

    private static int intern(String name, TreeMap<String, Integer> ids, List<String> names) {
        return ids.computeIfAbsent(name, m -> {
            names.add(m);
            return names.size() - 1;
        });
    }

    int size() {
        return size;
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
