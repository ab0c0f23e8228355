package org.oversight.recognition.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class JpegDecoderTest {
    private static byte[] encode(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "jpeg", out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void decodesColourAsRgbSamples() throws Exception {
        BufferedImage img = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, 0xC81E3C); // R 200, G 30, B 60
            }
        }
        RgbImage rgb = JpegDecoder.decode(encode(img));
        assertThat(rgb.width()).isEqualTo(16);
        assertThat(rgb.height()).isEqualTo(8);
        // a flat colour survives JPEG within a few levels; channel order must be R, G, B
        assertThat(rgb.sample(3, 3, 0)).isBetween(190, 210);
        assertThat(rgb.sample(3, 3, 1)).isBetween(20, 40);
        assertThat(rgb.sample(3, 3, 2)).isBetween(50, 70);
    }

    @Test
    void greyImagesReplicateTheSampleWithoutColourConversion() throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 0);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.getRaster().setSample(x, y, 0, 100);
            }
        }
        RgbImage rgb = JpegDecoder.decode(encode(img));
        int v = rgb.sample(4, 4, 0);
        assertThat(v).isBetween(98, 102); // getRGB() would have brightened it to ~168
        assertThat(rgb.sample(4, 4, 1)).isEqualTo(v);
        assertThat(rgb.sample(4, 4, 2)).isEqualTo(v);
    }

    @Test
    void rejectsNonJpegNamingTheProblem() {
        assertThatThrownBy(() -> JpegDecoder.decode(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageContaining("not a JPEG: 4 bytes");
    }

    /** Fuzz: mutated and truncated JPEGs either decode or fail with the checked exception only. */
    @Test
    void fuzzedJpegsNeverEscapeAsUncheckedExceptions() throws Exception {
        BufferedImage img = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(7);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        byte[] good = encode(img);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] b = i % 3 == 0 ? java.util.Arrays.copyOf(good, 2 + r.nextInt(good.length - 2)) : good.clone();
            int flips = 1 + r.nextInt(8);
            for (int f = 0; f < flips && i % 3 != 0; f++) {
                b[2 + r.nextInt(b.length - 2)] = (byte) r.nextInt(256);
            }
            try {
                RgbImage out = JpegDecoder.decode(b);
                assertThat(out.rgb()).hasSize(out.width() * out.height() * 3);
                decoded++;
            } catch (ImageDecodeException expected) {
                refused++;
            }
        }
        assertThat(decoded + refused).isEqualTo(300);
        assertThat(refused).isPositive();
    }
}
