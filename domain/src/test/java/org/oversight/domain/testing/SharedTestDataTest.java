package org.oversight.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The vector locator fails (never skips) and pins the vector files by a sha256sum-style manifest. */
class SharedTestDataTest {

    @Test
    void manifestDigestIsTheShellRecipe(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), "a\n");
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/b.json"), "b\n");
        Files.writeString(dir.resolve("notes.txt"), "not a vector file");
        // cd dir && find . -type f -name '*.json' | LC_ALL=C sort | xargs sha256sum | sha256sum
        assertThat(SharedTestData.manifestDigest(dir))
                .isEqualTo("56c9f0f1fc64338a77296accddf241864c8f9afaa97e585a5b5961c4e7a2e389");
        Files.writeString(dir.resolve("d/b.json"), "B\n");
        assertThat(SharedTestData.manifestDigest(dir))
                .isNotEqualTo("56c9f0f1fc64338a77296accddf241864c8f9afaa97e585a5b5961c4e7a2e389");
    }

    @Test
    void aMissingFolderIsAFailureInCiAndAVisibleSkipElsewhere() {
        assertThatThrownBy(() -> SharedTestData.requireDir("no-such-vectors", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("conformance vectors not found at")
                .hasMessageContaining("-Doversight.testdata.dir");
        assertThatThrownBy(() -> SharedTestData.requireDir("no-such-vectors", false))
                .isInstanceOf(org.opentest4j.TestAbortedException.class)
                .hasMessageContaining("conformance vectors not found at");
    }

    @Test
    void theVectorsInUseAreThePinnedOnes() {
        for (String folder : SharedTestData.PINNED.keySet()) {
            assertThat(SharedTestData.requireDir(folder)).isDirectory();
        }
    }

    @Test
    void repositoryVectorsAreReadFromTheClasspathAndMissingOnesFail() throws Exception {
        assertThat(TestVectors.classpath("org/oversight/domain/crypto/ed25519-public-keys.json")).isNotEmpty();
        assertThatThrownBy(() -> TestVectors.classpath("org/oversight/domain/crypto/absent.json"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("absent.json");
    }
}
