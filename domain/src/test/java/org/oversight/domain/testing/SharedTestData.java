package org.oversight.domain.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the conformance vectors in {@code ../shared/testdata} (Wycheproof, transparency-dev).
 *
 * <p>They are read from there, never copied into the repository. Where the folder is absent the
 * calling test is skipped with a message saying which folder was looked for.
 */
public final class SharedTestData {
    private SharedTestData() {}

    /**
     * The directory {@code shared/testdata/<relative>}; skips the calling test, with a printed
     * reason, if it does not exist.
     */
    public static Path requireDir(String relative) {
        Path dir = testDataRoot().resolve(relative);
        if (!Files.isDirectory(dir) && !Files.isRegularFile(dir)) {
            String reason = "SKIPPED: conformance vectors not found at " + dir.toAbsolutePath()
                    + " (set -Doversight.shared.dir=<path to shared>)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        return dir;
    }

    /** {@code shared/testdata}, from -Doversight.shared.dir or by walking up from the working directory. */
    public static Path testDataRoot() {
        String configured = System.getProperty("oversight.shared.dir");
        if (configured != null && !configured.isBlank()) {
            Path p = Paths.get(configured).resolve("testdata");
            if (Files.isDirectory(p)) {
                return p.normalize();
            }
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("testdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Paths.get("..", "shared", "testdata").toAbsolutePath().normalize();
    }
}
