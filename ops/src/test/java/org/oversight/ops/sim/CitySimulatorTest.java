package org.oversight.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The city simulator's command line: bad input is one line on stderr, exit 2, and nothing is sent. */
class CitySimulatorTest {

    private static String runExpectingUsageError(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(CitySimulator.run(args)).isEqualTo(2);
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        return text;
    }

    @Test
    void everyLedgerNeedsItsOwnToken(@TempDir Path dir) {
        assertThat(runExpectingUsageError("--url", "http://127.0.0.1:1", "--token", "t", "--url", "http://127.0.0.1:2",
                "--out", dir.toString()))
                .startsWith("city-simulator: 2 --url but 1 --token (one token per ledger)");
    }

    @Test
    void valuesAreCheckedByTheSimulatorsOwnParserNamingTheOption(@TempDir Path dir) {
        assertThat(runExpectingUsageError("--url", "http://127.0.0.1:1", "--token", "t", "--batch", "0",
                "--out", dir.toString()))
                .startsWith("city-simulator: --batch '0' is not an integer in [1, 1000]");
        assertThat(runExpectingUsageError("--url", "http://192.0.2.1:8080", "--token", "t", "--out", dir.toString()))
                .contains("is not a loopback address");
    }

    @Test
    void aMissingOutDirectoryOptionIsAUsageError(@TempDir Path dir) throws Exception {
        assertThat(runExpectingUsageError("--url", "http://127.0.0.1:1", "--token", "t"))
                .startsWith("city-simulator: Missing required option: '--out=<out>'");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
