package org.oversight.ledger.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing browser, driver or node skips with a printed reason, except under CI, where it fails. */
class ExternalToolsTest {
    @Test
    void missingToolSkipsWithAPrintedReasonOutsideCi() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> ExternalTools.require("SomeTest", Optional.empty(), "chromedriver", false))
                    .isInstanceOf(TestAbortedException.class).hasMessageContaining("chromedriver not found");
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SKIPPED SomeTest: chromedriver not found");
    }

    @Test
    void missingToolFailsUnderCi() {
        assertThatThrownBy(() -> ExternalTools.require("SomeTest", Optional.empty(), "chromium", true))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("chromium not found")
                .hasMessageContaining("CI is set");
    }

    @Test
    void presentToolIsReturned() {
        assertThat(ExternalTools.require("SomeTest", Optional.of(Path.of("/bin/sh")), "sh", true)).isEqualTo(Path.of("/bin/sh"));
        assertThat(ExternalTools.find("/no/such/tool", "sh")).isPresent();
        assertThat(ExternalTools.find("/no/such/tool", "no-such-tool-xyz")).isEmpty();
    }
}
