package org.oversight.recognition.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.PlainJson;

/**
 * The golden file {@code src/test/resources/golden/detect-golden.json} written by
 * {@code scripts/golden/detect-golden.mjs} (face-api 1.7.15 on tfjs's CPU backend), parsed.
 */
record DetectGolden(List<Photo> photos) {
    static final String RESOURCE = "/golden/detect-golden.json";

    record Photo(String name, int width, int height, String rgbSha256, List<Face> faces) {}

    record Face(double score, double[] box, double[] landmarks, double[] dlibRect, double[] region,
            String cropSha256, double[] descriptor) {}

    static DetectGolden load() throws IOException, JsonException {
        byte[] text;
        try (InputStream in = DetectGolden.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCE);
            }
            text = in.readAllBytes();
        }
        Map<?, ?> doc = (Map<?, ?>) PlainJson.parse(text);
        List<Photo> photos = new ArrayList<>();
        for (Object o : (List<?>) doc.get("photos")) {
            Map<?, ?> p = (Map<?, ?>) o;
            List<Face> faces = new ArrayList<>();
            for (Object f : (List<?>) p.get("faces")) {
                Map<?, ?> face = (Map<?, ?>) f;
                faces.add(new Face(num(face.get("score")), rect(face.get("box")), nums(face.get("landmarks")),
                        rect(face.get("dlibRect")), rect(face.get("region")), (String) face.get("cropSha256"),
                        nums(face.get("descriptor"))));
            }
            photos.add(new Photo((String) p.get("photo"), (int) num(p.get("width")), (int) num(p.get("height")),
                    (String) p.get("rgbSha256"), List.copyOf(faces)));
        }
        return new DetectGolden(List.copyOf(photos));
    }

    private static double num(Object o) {
        return ((PlainJson.Num) o).asDouble();
    }

    private static double[] nums(Object o) {
        List<?> l = (List<?>) o;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num(l.get(i));
        }
        return out;
    }

    private static double[] rect(Object o) {
        Map<?, ?> m = (Map<?, ?>) o;
        return new double[] {num(m.get("x")), num(m.get("y")), num(m.get("width")), num(m.get("height"))};
    }
}
