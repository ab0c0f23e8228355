package org.oversight.recognition.align;

import java.util.Optional;
import org.oversight.recognition.image.PixelRect;
import org.oversight.recognition.image.RgbImage;
import org.oversight.recognition.image.TfImageOps;
import org.oversight.recognition.landmarks.FaceLandmarks68;

/**
 * Produces the canonical aligned crop exactly as face-api prepares a face for its recognition
 * network ({@code withFaceDescriptors()} on a tensor input), then rounds it to bytes:
 *
 * <ol>
 *   <li>rectangle = {@link DlibAlignment#rectangle}(landmarks);
 *   <li>region = rectangle {@link PixelRect#clipAndFloor clipped to the image and floored};
 *       no crop if it is empty;
 *   <li>the region's pixels, zero-padded to a square, centred ({@code round(d/2)} columns/rows
 *       after, the rest before), resized to 150x150 by {@link TfImageOps#resizeBilinear} (tfjs
 *       {@code resizeBilinear}, alignCorners = false, halfPixelCenters = false: output pixel (r, c)
 *       samples source (r * s / 150, c * s / 150), s = square side), unless s is already 150;
 *   <li>each float32 value v (always within [0, 255]) becomes the byte {@code floor(v + 0.5)}.
 * </ol>
 *
 * <p>face-api feeds the unrounded floats of step 3 to its network; rounding to bytes makes the
 * crop a signable artefact at the cost of at most 0.5 per channel value.
 */
public final class FaceAligner {
    private FaceAligner() {}

    /** The aligned crop, or empty if the aligned rectangle lies outside the image. */
    public static Optional<AlignedFace> align(RgbImage image, FaceLandmarks68 landmarks) {
        double[] r = DlibAlignment.rectangle(landmarks);
        return PixelRect.clipAndFloor(r[0], r[1], r[2], r[3], image.width(), image.height())
                .map(region -> crop(image, region));
    }

    /** Steps 3 and 4 for a given region. */
    public static AlignedFace crop(RgbImage image, PixelRect region) {
        RgbImage face = image.crop(region.x(), region.y(), region.width(), region.height());
        float[] square = TfImageOps.toSquareInput(face.toFloats(), face.height(), face.width(), 3, AlignedFace.SIZE, true);
        byte[] rgb = new byte[AlignedFace.BYTES];
        for (int i = 0; i < rgb.length; i++) {
            double v = Math.floor(square[i] + 0.5);
            rgb[i] = (byte) (int) Math.max(0, Math.min(255, v));
        }
        return new AlignedFace(region, rgb);
    }
}
