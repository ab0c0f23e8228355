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
 * and format — in parallel primitive arrays (about 56 bytes a detection, no template bytes), since
 * a log holds far more detections than anything else and any later match may name any of them.
 */
final class DetectionIndex {
    /** What a match's detection reference resolves to. */
    record Detection(EventHash hash, Timestamp captureTime, String modelId, int templateFormat) {
    }

    private long[] leaves = new long[64];
    private long[] hashes = new long[64 * 4];
    private long[] captureMillis = new long[64];
    private int[] models = new int[64];
    private int[] formats = new int[64];
    private int size;
    private final TreeMap<String, Integer> modelIds = new TreeMap<>();
    private final List<String> modelNames = new ArrayList<>();

    /**
     * Records the detection at {@code leaf}.
     *
     * @throws IllegalArgumentException if {@code leaf} is not greater than the last one recorded
     */
    void add(long leaf, EventHash hash, FaceDetected detection) {
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
        }
        leaves[size] = leaf;
        byte[] h = hash.toByteArray();
        for (int i = 0; i < 4; i++) {
            hashes[size * 4 + i] = longAt(h, i * 8);
        }
        captureMillis[size] = detection.captureTime().epochMillis();
        String model = detection.modelId();
        models[size] = modelIds.computeIfAbsent(model, m -> {
            modelNames.add(m);
            return modelNames.size() - 1;
        });
        formats[size] = detection.template().format();
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
                formats[i]);
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
