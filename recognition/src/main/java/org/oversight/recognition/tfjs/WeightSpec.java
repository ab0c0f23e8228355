package org.oversight.recognition.tfjs;

import java.util.Arrays;
import java.util.Optional;

/** One weight entry of a manifest group: name, shape, dtype and optional quantisation. */
public final class WeightSpec {
    private final String name;
    private final int[] shape;
    private final String dtype;
    private final Quantization quantization;

    WeightSpec(String name, int[] shape, String dtype, Quantization quantization) {
        this.name = name;
        this.shape = shape.clone();
        this.dtype = dtype;
        this.quantization = quantization;
    }

    public String name() {
        return name;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The logical dtype ({@code float32} or {@code int32}). */
    public String dtype() {
        return dtype;
    }

    public Optional<Quantization> quantization() {
        return Optional.ofNullable(quantization);
    }

    /** Number of elements. */
    public int elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return (int) n;
    }

    /** Bytes this entry occupies in the concatenated shard buffer. */
    public long byteLength() {
        return (long) elementCount() * (quantization == null ? 4 : quantization.bytesPerElement());
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + ":" + dtype + (quantization == null ? "" : "/" + quantization.dtype());
    }
}
