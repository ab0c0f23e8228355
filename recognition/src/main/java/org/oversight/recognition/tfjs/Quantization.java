package org.oversight.recognition.tfjs;

/**
 * A weight's storage quantisation from the manifest: {@code uint8}/{@code uint16} affine
 * ({@code value = q * scale + min}, evaluated in double and rounded once to float32, as
 * TensorFlow.js's {@code decodeWeights} does) or {@code float16} (IEEE binary16, no scale/min).
 */
public record Quantization(String dtype, double scale, double min) {
    /** Bytes per stored element. */
    public int bytesPerElement() {
        return "uint8".equals(dtype) ? 1 : 2;
    }
}
