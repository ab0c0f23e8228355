package org.oversight.recognition.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.PlainJson;

/** The golden descriptors computed by face-api itself ({@code golden/descriptors.json}). */
public final class Golden {
    /** One crop's golden descriptor. */
    public record Entry(String file, String cropSha256, float[] descriptor) {}

    private Golden() {}

    /** Entries by photo file name, in file order. */
    public static Map<String, Entry> descriptors() throws IOException, JsonException {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/descriptors.json")) {
            if (in == null) {
                throw new IOException("golden/descriptors.json missing from test resources");
            }
            Map<?, ?> root = (Map<?, ?>) PlainJson.parse(in.readAllBytes());
            Map<String, Entry> out = new LinkedHashMap<>();
            for (Object o : (List<?>) root.get("crops")) {
                Map<?, ?> m = (Map<?, ?>) o;
                List<?> d = (List<?>) m.get("descriptor");
                float[] v = new float[d.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((PlainJson.Num) d.get(i)).asDouble();
                }
                String file = (String) m.get("file");
                out.put(file, new Entry(file, (String) m.get("cropSha256"), v));
            }
            return out;
        }
    }
}
