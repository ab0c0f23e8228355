package org.oversight.recognition.align;

import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.recognition.embed.AlignedCrop;
import org.oversight.recognition.embed.InvalidCropException;
import org.oversight.recognition.image.PixelRect;

/**
 * The canonical aligned crop of one face (docs/format.md §9.2, §9.7) with the image region it
 * was resampled from. Immutable.
 */
public final class AlignedFace {
    /** Side of the crop in pixels. */
    public static final int SIZE = AlignedCrop.SIZE;
    /** Length of the crop in bytes. */
    public static final int BYTES = AlignedCrop.BYTES;

    private final PixelRect region;
    private final AlignedCrop crop;

    AlignedFace(PixelRect region, byte[] rgb) {
        this.region = region;
        try {
            this.crop = AlignedCrop.of(rgb);
        } catch (InvalidCropException e) {
            throw new IllegalStateException("aligner produced a non-canonical crop: " + e.getMessage(), e);
        }
    }

    /** The source-image rectangle that was padded and resampled into the crop. */
    public PixelRect region() {
        return region;
    }

    /** The canonical crop, the recognition net's input. */
    public AlignedCrop crop() {
        return crop;
    }

    /** A copy of the 67,500 crop bytes. */
    public byte[] rgb() {
        return crop.toByteArray();
    }

    /** SHA-256 of the crop bytes: what a detection signs. */
    public Sha256Digest digest() {
        return crop.digest();
    }

    @Override
    public String toString() {
        return "AlignedFace[" + region + ", sha256=" + digest() + "]";
    }
}
