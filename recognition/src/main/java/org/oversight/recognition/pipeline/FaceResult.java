package org.oversight.recognition.pipeline;

import java.util.Optional;
import org.oversight.recognition.align.AlignedFace;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.landmarks.FaceLandmarks68;

/**
 * Everything the pipeline derives for one face: the detection, its 68 landmarks, and the
 * canonical aligned crop (absent if the aligned rectangle fell outside the image). Immutable.
 */
public record FaceResult(FaceDetection detection, FaceLandmarks68 landmarks, Optional<AlignedFace> aligned) {}
