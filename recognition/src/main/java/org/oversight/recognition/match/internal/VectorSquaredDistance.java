package org.oversight.recognition.match.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** Widen int8 lanes to int32, subtract, square, accumulate lane-wise; one exact integer reduction at the end. */
final class VectorSquaredDistance {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(I.length() * 8));
    private static final int STEP = I.length();

    private VectorSquaredDistance() {}

    static int of(byte[] a, int ai, byte[] b, int bi) {
        if (128 % STEP != 0) {
            return SquaredDistance.scalar(a, ai, b, bi);
        }
        IntVector acc = IntVector.zero(I);
        for (int i = 0; i < 128; i += STEP) {
            IntVector x = (IntVector) ByteVector.fromArray(B, a, ai + i).convertShape(VectorOperators.B2I, I, 0);
            IntVector y = (IntVector) ByteVector.fromArray(B, b, bi + i).convertShape(VectorOperators.B2I, I, 0);
            IntVector d = x.sub(y);
            acc = acc.add(d.mul(d));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
