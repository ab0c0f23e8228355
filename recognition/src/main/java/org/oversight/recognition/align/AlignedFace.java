package org.oversight.recognition.align;

import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.recognition.image.PixelRect;

/**
 * The canonical aligned crop of one face (docs/format.md §9): 150x150 RGB bytes, row-major from
 * the top-left, R, G, B per pixel (67,500 bytes), and the image region it was resampled from.
 * Immutable.
 */
public final class AlignedFace {
    /** Side of the crop in pixels. */
    public static final int SIZE = 150;
    /** Length of the crop in bytes. */
    public static final int BYTES = SIZE * SIZE * 3;

    private final PixelRect region;
    private final byte[] rgb;
    private final Sha256Digest digest;

    AlignedFace(PixelRect region, byte[] rgb) {
        if (rgb.length != BYTES) {
            throw new IllegalStateException("aligned crop has " + rgb.length + " bytes != " + BYTES);
        }
        this.region = region;
        this.rgb = rgb;
        this.digest = Sha256Digest.hash(rgb);
    }

    /** The source-image rectangle that was padded and resampled into the crop. */
    public PixelRect region() {
        return region;
    }

    /** A copy of the 67,500 crop bytes. */
    public byte[] rgb() {
        return rgb.clone();
    }

    /** SHA-256 of the crop bytes: what a detection signs. */
    public Sha256Digest digest() {
        return digest;
    }

    @Override
    public String toString() {
        return "AlignedFace[" + region + ", sha256=" + digest + "]";
    }
}
