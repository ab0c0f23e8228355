package org.oversight.recognition.detect;

/**
 * One detected face: the detector's score (float32 sigmoid output) and its box in image pixels,
 * as face-api's {@code FaceDetection} ({@code score}, {@code box}).
 *
 * @param anchorIndex index of the SSD anchor the box was decoded from (0..5117), for tracing
 */
public record FaceDetection(float score, FaceBox box, int anchorIndex) {
    /** Fixed-point scale of the signed score: millionths. */
    public static final int SCORE_SCALE = 1_000_000;

    /** {@code floor(score * 1e6 + 0.5)} in double arithmetic: the integer form that is signed. */
    public int scoreMicros() {
        return (int) Math.floor((double) score * SCORE_SCALE + 0.5);
    }
}
