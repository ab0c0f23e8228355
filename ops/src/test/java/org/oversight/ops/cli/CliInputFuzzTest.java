package org.oversight.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's two parsers (key files, unsigned events) on mutated input: every run exits 0 or is a
 * one-line usage error (exit 2, no control characters echoed from the input), never exit 3 ("a bug").
 * Seeded, so a failure reproduces.
 */
class CliInputFuzzTest {
    private static final int RUNS = 2000;

    @TempDir
    Path dir;

    @Test
    void keyFilesParseOrAreBadInput() throws Exception {
        Random random = new Random(14);
        byte[] valid = (org.oversight.domain.bytes.Hex.encode(new byte[32]).replace('0', '7') + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        Path file = dir.resolve("fuzz.key");
        int parsed = 0;
        for (int i = 0; i < RUNS; i++) {
            Files.write(file, mutate(valid, random));
            CliRun run = CliRun.of("public-key", "--key", file.toString());
            if (run.exit() == IntegratorCli.EXIT_OK) {
                assertThat(run.out()).startsWith("public key: ed25519:");
                parsed++;
            } else {
                assertThat(run.isOneLineUsageError()).as("run %d: %s", i, run).isTrue();
            }
        }
        assertThat(parsed).as("some mutations keep a valid key (e.g. a changed hex digit)").isPositive();
    }

    @Test
    void unsignedEventsSignOrAreBadInput() throws Exception {
        Random random = new Random(15);
        byte[] valid = Files.readAllBytes(DocKeys.example("unsigned-camera-registered.json"));
        String key = DocKeys.keyFile(dir, 2).toString();
        Path file = dir.resolve("fuzz.json");
        int signed = 0;
        for (int i = 0; i < RUNS; i++) {
            Files.write(file, mutate(valid, random));
            CliRun run = CliRun.of("sign", "--key", key, "--event", file.toString());
            if (run.exit() == IntegratorCli.EXIT_OK) {
                assertThat(run.out()).startsWith("{\"header\":");
                signed++;
            } else {
                assertThat(run.isOneLineUsageError()).as("run %d: %s", i, run).isTrue();
            }
        }
        assertThat(signed).as("some mutations keep a valid event (e.g. a changed letter in a text)").isPositive();
    }

    /** One to three random byte flips, insertions or deletions. */
    private static byte[] mutate(byte[] in, Random random) {
        byte[] b = in.clone();
        int n = 1 + random.nextInt(3);
        for (int j = 0; j < n && b.length > 0; j++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
            }
        }
        return b;
    }
}
