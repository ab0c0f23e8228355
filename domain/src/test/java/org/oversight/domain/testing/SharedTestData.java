package org.oversight.domain.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.oversight.domain.bytes.Hex;

/**
 * Locates the third-party conformance vectors (Wycheproof Ed25519, transparency-dev/merkle proof
 * cases) in the {@code testdata} folder of the conformance-vector directory, and checks that they
 * are exactly the files this repository was tested against.
 *
 * <p>The folder is found from {@code -Doversight.testdata.dir=<testdata>}, else the environment
 * variable {@code OVERSIGHT_TESTDATA}, else {@code -Doversight.shared.dir=<dir>/testdata} (the build
 * sets it to {@code ../shared} beside the checkout), else by walking up from the working directory
 * to a {@code shared/testdata} folder. A file set that differs from the pinned SHA-256 manifest
 * below is always a test <em>failure</em>. A missing folder is a failure in CI (environment
 * {@code CI} set, as CI and {@code .ci/run} do; the folder is always provided there) and a skip with the reason printed
 * elsewhere (a clone on a machine without the vectors), so that a build that did not run the
 * vectors never looks like one that passed them. The vectors are not copied into this repository,
 * as their provider asks ({@code SOURCE.txt}); their source, commit and licence are in the folder's
 * {@code SOURCE.txt} and {@code LICENSE} files, and README "Conformance vectors" says where to get
 * them.
 */
public final class SharedTestData {
    /**
     * SHA-256 of {@code sha256sum} output over the {@code *.json} files of each folder, as
     * {@code cd <folder> && find . -type f -name '*.json' | LC_ALL=C sort | xargs sha256sum | sha256sum}.
     */
    static final Map<String, String> PINNED = Map.of(
            "wycheproof", "5152a1276c1dd3287247c183d240a0282bcd0e1c4ab6f11f99d4ed8aea183ece",
            "transparency-dev-merkle/inclusion", "07ffdaf58ae94bbe5f46ab216e78af57a912f17b4ee0e7bfe64a0dff251acb11",
            "transparency-dev-merkle/consistency", "d9c0da85b12da5c5fa2520f203583e23340884e4c29358c6650c9e0f5fdf0dd3");

    private SharedTestData() {}

    /**
     * The directory {@code testdata/<relative>}, after checking its vector files against the pinned
     * manifest; fails the calling test, saying where it looked and how to point at the folder, if
     * it is absent or its files differ.
     */
    public static Path requireDir(String relative) {
        try {
            return requireDirIn(relative);
        } catch (org.opentest4j.TestAbortedException e) {
            System.out.println("SKIPPED: " + e.getMessage());
            throw e;
        }
    }

    private static Path requireDirIn(String relative) {
        String ci = System.getenv("CI");
        return requireDir(relative, ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false"));
    }

    /** {@link #requireDir(String)}, with a missing folder failing ({@code inCi}) or skipping. */
    static Path requireDir(String relative, boolean inCi) {
        Path dir = testDataRoot().resolve(relative);
        if (!Files.isDirectory(dir)) {
            String reason = "conformance vectors not found at " + dir.toAbsolutePath() + " (put the conformance-vector"
                    + " folder at ../shared beside the checkout, or run with -Doversight.testdata.dir=<path to"
                    + " testdata> or OVERSIGHT_TESTDATA=<path to testdata>; README \"Conformance vectors\")";
            if (inCi) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        String pinned = PINNED.get(relative);
        if (pinned == null) {
            fail("no pinned manifest for conformance-vector folder '" + relative + "'");
        }
        String actual = manifestDigest(dir);
        if (!actual.equals(pinned)) {
            fail("conformance vectors at " + dir.toAbsolutePath() + " differ from the pinned set: manifest SHA-256 "
                    + actual + " != " + pinned);
        }
        return dir;
    }

    /** The {@code sha256sum}-style manifest digest of the {@code *.json} files under {@code dir}. */
    static String manifestDigest(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> names = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .map(p -> "./" + dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            StringBuilder manifest = new StringBuilder();
            for (String name : names) {
                manifest.append(Hex.encode(sha256(Files.readAllBytes(dir.resolve(name.substring(2))))))
                        .append("  ").append(name).append('\n');
            }
            return Hex.encode(sha256(manifest.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading conformance vectors under " + dir, e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code testdata} folder, by the search order in the class comment. */
    public static Path testDataRoot() {
        String direct = System.getProperty("oversight.testdata.dir");
        if (direct == null || direct.isBlank()) {
            direct = System.getenv("OVERSIGHT_TESTDATA");
        }
        if (direct != null && !direct.isBlank()) {
            return Paths.get(direct).toAbsolutePath().normalize();
        }
        String shared = System.getProperty("oversight.shared.dir");
        if (shared != null && !shared.isBlank()) {
            Path p = Paths.get(shared).resolve("testdata");
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
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
