package org.oversight.recognition.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.oversight.recognition.embed.AlignedCrop;
import org.oversight.recognition.embed.InvalidCropException;

/**
 * A decoded photo as packed 8-bit RGB, row-major, and the test crop: a square box resampled to
 * the canonical 150×150 crop. (Real alignment from landmarks is the detector's job; these crops
 * only feed the golden comparison with face-api and the accuracy table.)
 */
public final class RgbImage {
    public final int width;
    public final int height;
    private final byte[] rgb;

    private RgbImage(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** Decodes a JPEG with the JDK's ImageIO decoder. */
    public static RgbImage decode(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (img == null) {
            throw new IOException("not a decodable image");
        }
        int w = img.getWidth(), h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x], i = (y * w + x) * 3;
                out[i] = (byte) (p >> 16);
                out[i + 1] = (byte) (p >> 8);
                out[i + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, out);
    }

    /** A copy of the pixel bytes. */
    public byte[] bytes() {
        return rgb.clone();
    }

    /**
     * Resamples the square {@code [x0, x0+side) × [y0, y0+side)} (pixel units, may extend past the
     * image; outside is black) to 150×150 by bilinear interpolation with pixel centres at +0.5:
     * source coordinate {@code s = x0 + (i + 0.5) * side / 150 - 0.5}, clamped to the image for
     * sampling inside it, each channel rounded half-even. All in double, hence deterministic.
     */
    public AlignedCrop crop(double x0, double y0, double side) {
        int n = AlignedCrop.SIZE;
        byte[] out = new byte[AlignedCrop.BYTES];
        for (int j = 0; j < n; j++) {
            double sy = y0 + (j + 0.5) * side / n - 0.5;
            for (int i = 0; i < n; i++) {
                double sx = x0 + (i + 0.5) * side / n - 0.5;
                for (int c = 0; c < 3; c++) {
                    out[(j * n + i) * 3 + c] = (byte) (int) Math.rint(sample(sx, sy, c));
                }
            }
        }
        try {
            return AlignedCrop.of(out);
        } catch (InvalidCropException e) {
            throw new IllegalStateException(e);
        }
    }

    private double sample(double sx, double sy, int c) {
        int xa = (int) Math.floor(sx), ya = (int) Math.floor(sy);
        double fx = sx - xa, fy = sy - ya;
        double top = (1 - fx) * at(xa, ya, c) + fx * at(xa + 1, ya, c);
        double bottom = (1 - fx) * at(xa, ya + 1, c) + fx * at(xa + 1, ya + 1, c);
        return Math.min(255, Math.max(0, (1 - fy) * top + fy * bottom));
    }

    private int at(int x, int y, int c) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
