package org.oversight.recognition.match.internal;

/**
 * The gallery's blocked layout and its exact 1:N kernels.
 *
 * <p>Layout: rows (templates) are grouped in blocks of {@link #BLOCK_ROWS}; inside a block the
 * components are dimension-major, component {@code i} of the block's row {@code r} at
 * {@code block * BLOCK_BYTES + i * BLOCK_ROWS + r}, so that one vector load reads component
 * {@code i} of several rows and the kernels keep one score per row in each vector lane — no
 * horizontal reduction per (row, probe) pair. Rows past the gallery's size are zero and are never
 * reported.
 *
 * <p>Scores: {@code |g - p|^2 = |g|^2 + |p|^2 - 2 g.p}, all in exact {@code int} arithmetic
 * (components are in [-127, 127], so every term is far from overflow), hence exactly
 * {@link SquaredDistance#scalar}. A kernel reports, for each probe, every row whose score is at most
 * that probe's bound; the bounds only prune, so a caller that re-checks each reported score gets
 * the same result as a scan that looks at every score.
 *
 * <p>Several probes per pass: {@link #scanBlock} applies up to four probes at a time to a block
 * while it is in L1, so with many probes the gallery is read from memory once, not once per probe.
 */
public final class BlockedScan {
    static final boolean VECTOR = SquaredDistance.VECTOR;
    /** Rows per vector (int lanes of the preferred vector shape; 16 without the Vector API). */
    public static final int LANES = VECTOR ? VectorBlockedScan.LANES : 16;
    /** Rows per block: four vectors' worth, the kernels' unit of work. */
    public static final int BLOCK_ROWS = 4 * LANES;
    /** Bytes of components per block. */
    public static final int BLOCK_BYTES = BLOCK_ROWS * 128;
    /** Probes applied together by the multi-probe kernel. */
    public static final int GROUP = 4;

    private BlockedScan() {}

    /** Receives the rows a kernel reports; {@code probe} is the index into the probe set. */
    public interface Hits {
        void hit(int probe, int row, int score);
    }

    /** Stores the 128 {@code components} as row {@code row} of {@code blocks}. */
    public static void put(byte[] blocks, int row, byte[] components) {
        int base = (row / BLOCK_ROWS) * BLOCK_BYTES + row % BLOCK_ROWS;
        for (int i = 0; i < 128; i++) {
            blocks[base + i * BLOCK_ROWS] = components[i];
        }
    }

    /** Row {@code row}'s 128 components, read back from {@code blocks}. */
    public static byte[] get(byte[] blocks, int row) {
        int base = (row / BLOCK_ROWS) * BLOCK_BYTES + row % BLOCK_ROWS;
        byte[] out = new byte[128];
        for (int i = 0; i < 128; i++) {
            out[i] = blocks[base + i * BLOCK_ROWS];
        }
        return out;
    }

    /** {@code sum of c_i^2} over the 128 components. */
    public static int norm(byte[] c) {
        int s = 0;
        for (int i = 0; i < 128; i++) {
            s += c[i] * c[i];
        }
        return s;
    }

    /**
     * The probes widened to ints, probe {@code p}'s component {@code i} at {@code 128 p + i}
     * (the kernels broadcast one component at a time); padded to a whole number of groups.
     */
    public static int[] widenProbes(byte[][] probes) {
        int groups = (probes.length + GROUP - 1) / GROUP;
        int[] out = new int[groups * GROUP * 128];
        for (int p = 0; p < probes.length; p++) {
            for (int i = 0; i < 128; i++) {
                out[p * 128 + i] = probes[p][i];
            }
        }
        return out;
    }

    /** Working memory for {@link #scanBlock}. */
    public static int[] scratch() {
        return new int[GROUP * BLOCK_ROWS];
    }

    /**
     * Reports, for each probe {@code p} in {@code [0, probeCount)} and each row of block
     * {@code block} below {@code size}, the row if its score is {@code <= bounds[p]} (read once
     * per probe group). Probes are applied {@link #GROUP} at a time, the rest one at a time.
     *
     * @param norms {@link #norm} of each row, covering the whole block (zero past {@code size})
     * @param probes {@link #widenProbes}
     * @param probeNorms {@link #norm} of each probe
     * @param scratch {@link #scratch}, used by one thread at a time
     */
    public static void scanBlock(byte[] blocks, int[] norms, int block, int size, int[] probes, int[] probeNorms,
            int probeCount, int[] bounds, int[] scratch, Hits hits) {
        int p = 0;
        for (; p + GROUP <= probeCount; p += GROUP) {
            if (VECTOR) {
                VectorBlockedScan.four(blocks, block, probes, p, scratch);
                VectorBlockedScan.report(scratch, GROUP, norms, block, size, probeNorms, p, bounds, hits);
            } else {
                for (int q = p; q < p + GROUP; q++) {
                    scalarOne(blocks, norms, block, size, probes, probeNorms, q, bounds, hits);
                }
            }
        }
        for (; p < probeCount; p++) {
            if (VECTOR) {
                VectorBlockedScan.one(blocks, block, probes, p, scratch);
                VectorBlockedScan.report(scratch, 1, norms, block, size, probeNorms, p, bounds, hits);
            } else {
                scalarOne(blocks, norms, block, size, probes, probeNorms, p, bounds, hits);
            }
        }
    }

    /**
     * {@link #scanBlock} with the plain-Java kernel only (what runs without the Vector API or with
     * {@code -Doversight.recognition.scalar=true}); public so that tests compare the two kernels in one JVM.
     */
    public static void scanBlockPlain(byte[] blocks, int[] norms, int block, int size, int[] probes, int[] probeNorms,
            int probeCount, int[] bounds, Hits hits) {
        for (int p = 0; p < probeCount; p++) {
            scalarOne(blocks, norms, block, size, probes, probeNorms, p, bounds, hits);
        }
    }

    private static void scalarOne(byte[] blocks, int[] norms, int block, int size, int[] probes, int[] probeNorms,
            int p, int[] bounds, Hits hits) {
        int base = block * BLOCK_BYTES;
        int row0 = block * BLOCK_ROWS;
        int[] dot = new int[BLOCK_ROWS];
        for (int i = 0; i < 128; i++) {
            int pi = probes[p * 128 + i];
            int off = base + i * BLOCK_ROWS;
            for (int r = 0; r < BLOCK_ROWS; r++) {
                dot[r] += blocks[off + r] * pi;
            }
        }
        int bound = bounds[p];
        for (int r = 0; r < BLOCK_ROWS && row0 + r < size; r++) {
            int score = norms[row0 + r] + probeNorms[p] - 2 * dot[r];
            if (score <= bound) {
                hits.hit(p, row0 + r, score);
            }
        }
    }
}
