package org.oversight.recognition.detect;

/** An HWC float32 activation of batch 1 (package-internal plumbing of the networks). */
record FeatureMap(float[] data, int height, int width, int channels) {
    FeatureMap {
        if ((long) height * width * channels != data.length) {
            throw new IllegalStateException("feature map " + height + "x" + width + "x" + channels
                    + " does not match data length " + data.length);
        }
    }
}
