package org.oversight.verifier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which verifier wrote a report: its version and the SHA-256 of the jar it runs from, so a reader
 * can tell which code vouched for a log (and compare the digest with a published build).
 */
final class VerifierBuild {
    /** The verifier's version, as {@code --version} prints it. */
    static final String VERSION = "0.1.0";

    private VerifierBuild() {}

    /** "oversight verifier 0.1.0". */
    static String name() {
        return "oversight verifier " + VERSION;
    }

    /**
     * "sha256 HEX (verifier.jar)" for the jar this class was loaded from, or a sentence saying why
     * there is no digest (run from class files, as in tests, or an unreadable jar).
     */
    static String jarDigest() {
        CodeSource source = VerifierBuild.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown: no code source";
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "unknown: code source " + source.getLocation();
        }
        if (!Files.isRegularFile(location)) {
            return "none: not run from a jar (class files of a build)";
        }
        try (InputStream in = Files.newInputStream(location)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return "sha256 " + HexFormat.of().formatHex(sha.digest()) + " (" + location.getFileName() + ")";
        } catch (IOException e) {
            return "unknown: cannot read " + location + ": " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
