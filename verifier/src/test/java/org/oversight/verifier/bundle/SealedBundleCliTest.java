package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.verifier.cli.VerifierCli;

/** {@code verifier bundle} on a version-2 bundle: where the model comes from, and what the report says without it. */
class SealedBundleCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theModelComesFromModelDirOrTheAssetCacheAndItsAbsenceIsStatedOrAnError() throws Exception {
        SealedBundleLog.deriver(); // the asset cache is complete
        Path bundle = dir.resolve("m.bundle.json");
        Files.write(bundle, new SealedBundleLog(true).bundle().toBytes());
        String vkey = BundleLog.logKey().verifier().toVerifierKey();

        run("bundle", "--bundle", bundle.toString(), "--log-key", vkey, "--model-dir",
                AssetCache.defaultModelDir().toString());
        assertThat(out.toString()).contains("Recognition model: loaded from " + AssetCache.defaultModelDir())
                .contains("Pixels → template → score: crop (SHA-256 ");

        out.getBuffer().setLength(0);
        Path empty = Files.createDirectory(dir.resolve("no-model"));
        assertThat(run("bundle", "--bundle", bundle.toString(), "--log-key", vkey, "--model-dir", empty.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("verifier: --model-dir: cannot read asset " + empty
                .resolve("face_recognition_model-weights_manifest.json"));
        assertThat(out.toString()).isEmpty();

        // No --model-dir and no asset cache: the report says the crops were not re-derived, and why.
        String before = System.getProperty("oversight.assets");
        System.setProperty("oversight.assets", empty.toString());
        try {
            run("bundle", "--bundle", bundle.toString(), "--log-key", vkey);
        } finally {
            if (before == null) {
                System.clearProperty("oversight.assets");
            } else {
                System.setProperty("oversight.assets", before);
            }
        }
        assertThat(out.toString()).contains("Recognition model: missing: the recognition model is missing: cannot"
                + " read asset " + empty.resolve("face-api-1.7.15/model")).contains("(fetch it with "
                + AssetCache.FETCH_SCRIPT + ", or give --model-dir)")
                .contains("Pixels → template → score: not re-derived: the recognition model is missing");
    }
}
