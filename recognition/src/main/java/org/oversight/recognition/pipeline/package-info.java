/**
 * Photo to faces: decode, detect, landmarks, aligned crop, descriptor — face-api's {@code
 * detectAllFaces().withFaceLandmarks().withFaceDescriptors()} in pure Java. Spec: docs/format.md
 * §9.
 */
package org.oversight.recognition.pipeline;
