package org.oversight.recognition.embed;

import java.util.Arrays;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * An aligned face crop in canonical form (docs/format.md §9): 150 × 150 pixels, row-major from the
 * top-left, 3 bytes per pixel in R, G, B order, 8 bits per channel — exactly 67,500 bytes. Its
 * digest (SHA-256 of those bytes) is what a detection event signs.
 */
public final class AlignedCrop {
    /** Width and height in pixels. */
    public static final int SIZE = 150;
    /** Byte length of the canonical pixel bytes. */
    public static final int BYTES = SIZE * SIZE * 3;

    private final byte[] rgb;

    private AlignedCrop(byte[] rgb) {
        this.rgb = rgb;
    }

    /**
     * Wraps a copy of canonical pixel bytes.
     *
     * @throws InvalidCropException if {@code rgb} is not exactly {@value #BYTES} bytes
     */
    public static AlignedCrop of(byte[] rgb) throws InvalidCropException {
        if (rgb.length != BYTES) {
            throw new InvalidCropException("aligned crop has " + rgb.length + " bytes != " + BYTES + " (150x150 RGB)");
        }
        return new AlignedCrop(rgb.clone());
    }

    /** A copy of the canonical pixel bytes. */
    public byte[] toByteArray() {
        return rgb.clone();
    }

    /** The channel value (0–255) of pixel ({@code x}, {@code y}), channel 0 = R, 1 = G, 2 = B. */
    public int channel(int x, int y, int c) {
        return rgb[(y * SIZE + x) * 3 + c] & 0xff;
    }

    /** SHA-256 of the canonical pixel bytes. */
    public Sha256Digest digest() {
        return Sha256Digest.hash(rgb);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlignedCrop other && Arrays.equals(rgb, other.rgb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "AlignedCrop[sha256=" + digest() + "]";
    }
}
