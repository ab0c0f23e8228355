package org.oversight.domain.event;

import org.oversight.domain.crypto.Sha256Digest;

/**
 * A {@code FaceDetected} payload in either schema (docs/format.md §4.7): schema 1
 * ({@link FaceDetected}, biometric values in clear) or schema 2 ({@link SealedFaceDetected},
 * biometric values sealed, the leaf carries a commitment). The members here are the public ones
 * both schemas carry; the template, landmarks and aligned crop of a schema-2 detection are in its
 * sealed record ({@code org.oversight.domain.seal.BiometricRecord}).
 *
 * <p>Code that needs only the public members takes a {@code Detection}; code that needs the
 * template switches on the two record types.
 */
public sealed interface Detection extends EventPayload permits FaceDetected, SealedFaceDetected {
    /** The camera's id (equals the stream id). */
    String camera();

    /** When the frame was captured. */
    Timestamp captureTime();

    /** SHA-256 of the encoded frame. */
    Sha256Digest frameDigest();

    /** The face's box in the frame. */
    FaceBox faceBox();

    /** Detection quality, 0–1000. */
    long quality();

    /** The model that produced the template. */
    String modelId();

    /** The template format version (1–65535). */
    int templateFormat();

    @Override
    default EventType type() {
        return EventType.FACE_DETECTED;
    }

    @Override
    default StreamId stream() {
        return StreamId.detections(camera());
    }
}
