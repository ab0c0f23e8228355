package org.oversight.recognition.pipeline;

import java.util.Optional;
import org.oversight.recognition.align.AlignedFace;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.landmarks.FaceLandmarks68;

/**
 * Everything the pipeline derives for one face: the detection, its 68 landmarks, the canonical
 * aligned crop (absent if the aligned rectangle fell outside the image) and the crop's 128-D
 * descriptor (absent without a crop, or if the pipeline has no recognition net). Immutable.
 */
public record FaceResult(FaceDetection detection, FaceLandmarks68 landmarks, Optional<AlignedFace> aligned,
        Optional<FaceDescriptor> descriptor) {}
