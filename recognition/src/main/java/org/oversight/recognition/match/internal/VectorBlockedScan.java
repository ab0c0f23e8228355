package org.oversight.recognition.match.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of {@link BlockedScan}: per component, one sign-extending load of that
 * component for {@code LANES} rows per row vector, one broadcast per probe, and a multiply-add
 * per (row vector, probe) into independent accumulators (16 in {@link #four}: four row vectors ×
 * four probes), so no accumulation chain is longer than 128 steps and none waits on another.
 * The Vector API has no int8 dot-product instruction (VNNI), so products are formed in int lanes.
 */
final class VectorBlockedScan {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(I.length() * 8));
    static final int LANES = I.length();
    private static final int BR = 4 * LANES;

    private VectorBlockedScan() {}

    private static IntVector load(byte[] blocks, int at) {
        return (IntVector) ByteVector.fromArray(B, blocks, at).convertShape(VectorOperators.B2I, I, 0);
    }

    /** The dot products of probe {@code p} with the block's rows, into {@code dots[0, BR)}. */
    static void one(byte[] blocks, int block, int[] probes, int p, int[] dots) {
        int base = block * BR * 128;
        int pb = p * 128;
        IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < 128; i++) {
            int off = base + i * BR;
            IntVector x = IntVector.broadcast(I, probes[pb + i]);
            a0 = a0.add(load(blocks, off).mul(x));
            a1 = a1.add(load(blocks, off + LANES).mul(x));
            a2 = a2.add(load(blocks, off + 2 * LANES).mul(x));
            a3 = a3.add(load(blocks, off + 3 * LANES).mul(x));
        }
        a0.intoArray(dots, 0);
        a1.intoArray(dots, LANES);
        a2.intoArray(dots, 2 * LANES);
        a3.intoArray(dots, 3 * LANES);
    }

    /**
     * The dot products of probes {@code p .. p + 3} with the block's rows, probe {@code p + q}'s
     * into {@code dots[q BR, (q + 1) BR)}. The accumulators leave through memory, not as
     * arguments: a call that C2 does not inline would box them.
     */
    static void four(byte[] blocks, int block, int[] probes, int p, int[] dots) {
        int base = block * BR * 128;
        int pb = p * 128;
        IntVector z = IntVector.zero(I);
        IntVector a00 = z, a01 = z, a02 = z, a03 = z;
        IntVector a10 = z, a11 = z, a12 = z, a13 = z;
        IntVector a20 = z, a21 = z, a22 = z, a23 = z;
        IntVector a30 = z, a31 = z, a32 = z, a33 = z;
        for (int i = 0; i < 128; i++) {
            int off = base + i * BR;
            IntVector g0 = load(blocks, off);
            IntVector g1 = load(blocks, off + LANES);
            IntVector g2 = load(blocks, off + 2 * LANES);
            IntVector g3 = load(blocks, off + 3 * LANES);
            IntVector x0 = IntVector.broadcast(I, probes[pb + i]);
            IntVector x1 = IntVector.broadcast(I, probes[pb + 128 + i]);
            IntVector x2 = IntVector.broadcast(I, probes[pb + 256 + i]);
            IntVector x3 = IntVector.broadcast(I, probes[pb + 384 + i]);
            a00 = a00.add(g0.mul(x0));
            a01 = a01.add(g1.mul(x0));
            a02 = a02.add(g2.mul(x0));
            a03 = a03.add(g3.mul(x0));
            a10 = a10.add(g0.mul(x1));
            a11 = a11.add(g1.mul(x1));
            a12 = a12.add(g2.mul(x1));
            a13 = a13.add(g3.mul(x1));
            a20 = a20.add(g0.mul(x2));
            a21 = a21.add(g1.mul(x2));
            a22 = a22.add(g2.mul(x2));
            a23 = a23.add(g3.mul(x2));
            a30 = a30.add(g0.mul(x3));
            a31 = a31.add(g1.mul(x3));
            a32 = a32.add(g2.mul(x3));
            a33 = a33.add(g3.mul(x3));
        }
        a00.intoArray(dots, 0);
        a01.intoArray(dots, LANES);
        a02.intoArray(dots, 2 * LANES);
        a03.intoArray(dots, 3 * LANES);
        a10.intoArray(dots, BR);
        a11.intoArray(dots, BR + LANES);
        a12.intoArray(dots, BR + 2 * LANES);
        a13.intoArray(dots, BR + 3 * LANES);
        a20.intoArray(dots, 2 * BR);
        a21.intoArray(dots, 2 * BR + LANES);
        a22.intoArray(dots, 2 * BR + 2 * LANES);
        a23.intoArray(dots, 2 * BR + 3 * LANES);
        a30.intoArray(dots, 3 * BR);
        a31.intoArray(dots, 3 * BR + LANES);
        a32.intoArray(dots, 3 * BR + 2 * LANES);
        a33.intoArray(dots, 3 * BR + 3 * LANES);
    }

    /**
     * For probes {@code p .. p + count - 1} with their dot products in {@code dots} (as left by
     * {@link #one} or {@link #four}), reports each row below {@code size} whose score
     * {@code |g|^2 + |p|^2 - 2 g.p} is within the probe's bound.
     */
    static void report(int[] dots, int count, int[] norms, int block, int size, int[] probeNorms, int p, int[] bounds,
            BlockedScan.Hits hits) {
        int row0 = block * BR;
        for (int q = 0; q < count; q++) {
            int pn = probeNorms[p + q], bound = bounds[p + q];
            for (int v = 0; v < BR; v += LANES) {
                IntVector dot = IntVector.fromArray(I, dots, q * BR + v);
                IntVector score = IntVector.fromArray(I, norms, row0 + v).add(pn).sub(dot.add(dot));
                VectorMask<Integer> within = score.compare(VectorOperators.LE, bound);
                if (within.anyTrue()) {
                    long bits = within.toLong();
                    while (bits != 0) {
                        int lane = Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        int row = row0 + v + lane;
                        if (row < size) {
                            hits.hit(p + q, row, score.lane(lane));
                        }
                    }
                }
            }
        }
    }
}
