package org.oversight.ledger.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program outside the JVM (node, chromium, chromedriver): they skip with a
 * printed reason when it is missing, except under CI (the {@code CI} variable set, as .ci/run
 * sets it), where a missing tool is a failure.
 */
final class ExternalTools {
    private ExternalTools() {}

    /** The first of {@code candidates} that is an executable file, if any. */
    static Optional<Path> find(String... candidates) {
        for (String c : candidates) {
            if (c.contains("/")) {
                Path p = Path.of(c);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
                continue;
            }
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, c);
                if (!dir.isEmpty() && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Skips (printing why) or, under CI, fails when {@code tool} is absent. */
    static Path require(String test, Optional<Path> tool, String what) {
        return require(test, tool, what, System.getenv("CI") != null);
    }

    static Path require(String test, Optional<Path> tool, String what, boolean ci) {
        if (tool.isPresent()) {
            return tool.get();
        }
        String reason = test + ": " + what + " not found";
        if (ci) {
            Assertions.fail(reason + " (CI is set, so this is a failure; .ci/run installs it)");
        }
        System.out.println("SKIPPED " + reason);
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }
}
