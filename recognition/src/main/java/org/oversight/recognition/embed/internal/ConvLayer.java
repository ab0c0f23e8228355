package org.oversight.recognition.embed.internal;

import org.oversight.recognition.tensor.Tensor;
import org.oversight.recognition.tfjs.ModelWeights;
import org.oversight.recognition.tfjs.WeightsFormatException;

/**
 * face-api's conv layer: {@code relu?(((conv2d(x, filters) + bias) * scaleWeights) + scaleBiases)},
 * each step a separate float32 rounding, in that order.
 */
public record ConvLayer(Tensor filters, Tensor bias, Tensor scaleWeights, Tensor scaleBiases) {
    /** Reads {@code <prefix>/conv/filters} etc., checking shapes. */
    public static ConvLayer load(ModelWeights w, String prefix, int k, int in, int out) throws WeightsFormatException {
        return new ConvLayer(
                w.require(prefix + "/conv/filters", k, k, in, out),
                w.require(prefix + "/conv/bias", out),
                w.require(prefix + "/scale/weights", out),
                w.require(prefix + "/scale/biases", out));
    }

    public int outChannels() {
        return filters.dim(3);
    }

    public int kernel() {
        return filters.dim(0);
    }
}
