package org.oversight.recognition.detect;

/**
 * face-api's {@code SsdMobilenetv1Options}: keep boxes with score strictly above
 * {@code minConfidence}, at most {@code maxResults} after non-maximum suppression (IoU threshold
 * 0.5, fixed as in face-api).
 */
public record DetectorOptions(double minConfidence, int maxResults) {
    /** face-api's defaults: minConfidence 0.5, maxResults 100. */
    public static final DetectorOptions DEFAULT = new DetectorOptions(0.5, 100);

    /** @throws IllegalArgumentException unless 0 < minConfidence < 1 and maxResults >= 1 */
    public DetectorOptions {
        if (!(minConfidence > 0 && minConfidence < 1)) {
            throw new IllegalArgumentException("minConfidence " + minConfidence + " not in (0, 1)");
        }
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults " + maxResults + " < 1");
        }
    }
}
