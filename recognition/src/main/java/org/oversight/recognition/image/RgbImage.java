package org.oversight.recognition.image;

import org.oversight.domain.crypto.Sha256Digest;

/**
 * An 8-bit RGB raster: {@code width * height * 3} bytes, row-major, top row first, each pixel
 * R, G, B. Immutable: the pixels are copied in and out.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    private RgbImage(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /**
     * Wraps a copy of {@code rgb}.
     *
     * @throws IllegalArgumentException if a dimension is not positive or {@code rgb.length !=
     *     width * height * 3}
     */
    public static RgbImage of(int width, int height, byte[] rgb) {
        checkDimensions(width, height);
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(
                    "rgb length " + rgb.length + " != " + width + " * " + height + " * 3");
        }
        return new RgbImage(width, height, rgb.clone());
    }

    static RgbImage wrapOwned(int width, int height, byte[] rgb) {
        return new RgbImage(width, height, rgb);
    }

    private static void checkDimensions(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image " + width + "x" + height + " must have positive dimensions");
        }
        if ((long) width * height * 3 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image " + width + "x" + height + " is too large");
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the pixel bytes. */
    public byte[] rgb() {
        return rgb.clone();
    }

    /** Sample {@code channel} (0 = R, 1 = G, 2 = B) of pixel ({@code x}, {@code y}), 0..255. */
    public int sample(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel] & 0xff;
    }

    /** The samples as floats 0..255 in the same order (a fresh array; for the networks' input). */
    public float[] toFloats() {
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = rgb[i] & 0xff;
        }
        return out;
    }

    /** SHA-256 of the pixel bytes (dimensions not included). */
    public Sha256Digest sha256() {
        return Sha256Digest.hash(rgb);
    }

    /**
     * The sub-image with top-left ({@code x}, {@code y}) and size {@code w}x{@code h}.
     *
     * @throws IllegalArgumentException if the rectangle is empty or leaves the image
     */
    public RgbImage crop(int x, int y, int w, int h) {
        if (w <= 0 || h <= 0 || x < 0 || y < 0 || x > width - w || y > height - h) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " at (" + x + ", " + y
                    + ") does not fit in " + width + "x" + height);
        }
        byte[] out = new byte[w * h * 3];
        for (int row = 0; row < h; row++) {
            System.arraycopy(rgb, ((y + row) * width + x) * 3, out, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + ", sha256=" + sha256() + "]";
    }
}
