package org.oversight.recognition.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes baseline/progressive JPEG with the JDK's {@code javax.imageio} decoder (IJG libjpeg 6b
 * based, identical across JDK versions and platforms) into {@link RgbImage}.
 *
 * <p>Pixels are the decoder's own samples, with no colour management: 3-channel (YCbCr) images
 * yield the decoder's RGB samples as they are; 1-channel (grey) images have each sample
 * replicated to R = G = B. {@link BufferedImage#getRGB} is deliberately not used because it
 * applies a linear-grey colour-space conversion to grey images. EXIF orientation is ignored.
 * CMYK/YCCK and other channel counts are refused, as are images over {@link #MAX_PIXELS}, so
 * that a hostile header cannot exhaust memory.
 */
public final class JpegDecoder {
    /** Largest accepted image (64 megapixels), checked from the header before decoding. */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;

    private JpegDecoder() {}

    /**
     * Decodes the first image of a JPEG stream.
     *
     * @throws ImageDecodeException if the bytes are not a decodable JPEG with 1 or 3 channels
     */
    public static RgbImage decode(byte[] jpeg) throws ImageDecodeException {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            throw new ImageDecodeException("not a JPEG: " + jpeg.length + " bytes without the SOI marker FFD8");
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                throw new ImageDecodeException("no JPEG decoder available in this JDK");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new ImageDecodeException("JPEG of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels exceeds the limit of " + MAX_PIXELS + " pixels");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException("cannot decode JPEG of " + jpeg.length + " bytes: " + e.getMessage(), e);
        }
        return toRgb(image);
    }

    private static RgbImage toRgb(BufferedImage image) throws ImageDecodeException {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        if (raster.getSampleModel().getSampleSize(0) != 8) {
            throw new ImageDecodeException("JPEG sample size " + raster.getSampleModel().getSampleSize(0) + " != 8 bits");
        }
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int o = y * w * 3;
            if (bands == 3) {
                // Raster bands are in the colour model's order, which for ImageIO's JPEG RGB
                // output (TYPE_3BYTE_BGR) is still R, G, B: the BGR is only the byte layout.
                for (int i = 0; i < w * 3; i++) {
                    out[o + i] = (byte) row[i];
                }
            } else if (bands == 1) {
                for (int x = 0; x < w; x++) {
                    byte v = (byte) row[x];
                    out[o + 3 * x] = v;
                    out[o + 3 * x + 1] = v;
                    out[o + 3 * x + 2] = v;
                }
            } else {
                throw new ImageDecodeException("JPEG with " + bands + " channels is not supported (only 1 or 3)");
            }
        }
        return RgbImage.wrapOwned(w, h, out);
    }
}
