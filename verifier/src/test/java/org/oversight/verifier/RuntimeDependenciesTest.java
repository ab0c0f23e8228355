package org.oversight.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Pins the verifier's runtime dependencies: the list Maven resolves during this build
 * ({@code target/runtime-dependencies.txt}, written by maven-dependency-plugin) must equal the
 * golden file.
 */
class RuntimeDependenciesTest {
    @Test
    void runtimeClasspathIsExactlyTheGoldenList() throws IOException {
        Path resolved = Path.of("target", "runtime-dependencies.txt");
        assertThat(resolved)
                .as("dependency list written by the build (run through Maven: mvn -pl verifier test)")
                .exists();
        List<String> actual = Files.readAllLines(resolved, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("   "))
                .map(line -> line.strip().split(" -- ", 2)[0].strip())
                .sorted()
                .toList();
        List<String> golden;
        try (InputStream in = Objects.requireNonNull(
                getClass().getResourceAsStream("/runtime-dependencies.golden"), "golden file")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .sorted()
                    .toList();
        }
        assertThat(actual).as("verifier runtime dependencies").isEqualTo(golden);
    }
}
