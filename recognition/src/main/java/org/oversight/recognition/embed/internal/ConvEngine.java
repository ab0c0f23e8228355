package org.oversight.recognition.embed.internal;

import org.oversight.recognition.tensor.Padding;
import org.oversight.recognition.tensor.Tensor;

/** Evaluates a {@link ConvLayer}; every implementation must be bit-identical to {@link ReferenceConvEngine}. */
public interface ConvEngine {
    Tensor apply(Tensor x, ConvLayer layer, int stride, Padding padding, boolean relu);
}
