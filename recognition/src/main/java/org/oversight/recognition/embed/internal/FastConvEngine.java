package org.oversight.recognition.embed.internal;

import org.oversight.recognition.tensor.FusedConv;
import org.oversight.recognition.tensor.Padding;
import org.oversight.recognition.tensor.Tensor;

/** {@link FusedConv}: blocked, vectorised when possible, bit-identical to {@link ReferenceConvEngine}. */
public final class FastConvEngine implements ConvEngine {
    @Override
    public Tensor apply(Tensor x, ConvLayer l, int stride, Padding padding, boolean relu) {
        return FusedConv.conv2d(x, l.filters(), stride, padding, l.bias(), l.scaleWeights(), l.scaleBiases(),
                relu ? FusedConv.Activation.RELU : FusedConv.Activation.NONE);
    }
}
