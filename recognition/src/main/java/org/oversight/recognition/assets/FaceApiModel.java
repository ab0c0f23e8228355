package org.oversight.recognition.assets;

/** The face-api 1.7.15 models this project uses, by their file-name stem in {@code package/model/}. */
public enum FaceApiModel {
    /** The 128-D face recognition network (dlib ResNet-34 port). */
    FACE_RECOGNITION("face_recognition_model"),
    /** SSD MobileNet v1 face detector. */
    SSD_MOBILENETV1("ssd_mobilenetv1_model"),
    /** Tiny face detector. */
    TINY_FACE_DETECTOR("tiny_face_detector_model"),
    /** 68-point landmark net. */
    FACE_LANDMARK_68("face_landmark_68_model"),
    /** 68-point landmark net, tiny variant. */
    FACE_LANDMARK_68_TINY("face_landmark_68_tiny_model");

    private final String stem;

    FaceApiModel(String stem) {
        this.stem = stem;
    }

    /** The file-name stem, e.g. {@code face_recognition_model}. */
    public String stem() {
        return stem;
    }

    /** {@code <stem>-weights_manifest.json}. */
    public String manifestFileName() {
        return stem + "-weights_manifest.json";
    }
}
