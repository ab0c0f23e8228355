package org.oversight.recognition.embed.internal;

import org.oversight.recognition.tensor.Ops;
import org.oversight.recognition.tensor.Padding;
import org.oversight.recognition.tensor.Tensor;

/** The definition: the reference kernels of {@link Ops}, one op at a time, exactly as face-api composes them. */
public final class ReferenceConvEngine implements ConvEngine {
    @Override
    public Tensor apply(Tensor x, ConvLayer layer, int stride, Padding padding, boolean relu) {
        Tensor out = Ops.conv2d(x, layer.filters(), stride, stride, padding);
        out = Ops.addChannels(out, layer.bias());
        out = Ops.addChannels(Ops.mulChannels(out, layer.scaleWeights()), layer.scaleBiases());
        return relu ? Ops.relu(out) : out;
    }
}
