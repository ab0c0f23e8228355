package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.verifier.audit.CliFixtures;
import org.oversight.verifier.bundle.BundleFixtures;

/**
 * Random and corrupted bytes as each file input of the CLI (bundle, export, state, log key,
 * authority keys): the exit code is always 1 or 2 — 0 only for the unchanged, genuinely valid
 * input — stderr holds at most one line, and never a stack trace or a Java class name.
 * Deterministic: fixed seeds.
 */
class CliFuzzTest {
    private static final int ROUNDS = 60;
    private static final String ALPHABET = "{}[]\",:\n 0a+/=\\";

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();
    private Path input;

    private static String vkey() {
        return CliFixtures.logKey().verifier().toVerifierKey();
    }

    private void fuzz(String name, byte[] valid, long seed, Function<Path, List<String>> args) throws IOException {
        input = dir.resolve(name + ".input");
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = round % 3 == 0 ? randomBytes(random) : corrupt(valid, random);
            Files.write(input, bytes);
            Files.deleteIfExists(dir.resolve("state"));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = VerifierCli.run(args.apply(input).toArray(String[]::new), new PrintWriter(out, true),
                    new PrintWriter(err, true));
            String what = name + " round " + round + " (seed " + seed + "): exit " + code + ", stderr " + err;
            // Key files are read with surrounding white space stripped (format.md keeps keys one line).
            boolean unchanged = Arrays.equals(bytes, valid) || (name.contains("key") && new String(bytes,
                    StandardCharsets.ISO_8859_1).strip().equals(new String(valid, StandardCharsets.ISO_8859_1).strip()));
            if (code == 0 && !unchanged) {
                failures.add(what + ": changed input passed");
            } else if (code != 0 && code != 1 && code != 2) {
                failures.add(what + ": exit code not 0, 1 or 2");
            }
            String stderr = err.toString();
            if (stderr.lines().count() > 1 || stderr.contains("\tat ") || stderr.contains("Exception")
                    || stderr.contains("Error") || stderr.contains("java.")) {
                failures.add(what + ": stderr is not one plain line");
            }
            if (code == 2 && !out.toString().isEmpty()) {
                failures.add(what + ": a usage error printed a report");
            }
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(4096)];
        random.nextBytes(b);
        return b;
    }

    /** 1 to 4 edits: flip a bit, overwrite, insert or delete a byte, or truncate. */
    private static byte[] corrupt(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int pos = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[pos] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[pos] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, pos);
                    longer[pos] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                    System.arraycopy(b, pos, longer, pos + 1, b.length - pos);
                    b = longer;
                }
                case 3 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, pos);
                    System.arraycopy(b, pos + 1, shorter, pos, b.length - pos - 1);
                    b = shorter;
                }
                default -> b = Arrays.copyOf(b, pos);
            }
        }
        return b;
    }

    private List<String> audit(Path export, Path state, String key, String threads, String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--export", export.toString(), "--state",
                state.toString(), "--log-key", key, "--threads", threads));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void noFileInputCrashesOrExitsOutsideTheContract() throws Exception {
        byte[] export = CliFixtures.cleanExport();
        Path exportFile = Files.write(dir.resolve("log.export"), export);
        Path state = dir.resolve("state");
        byte[] bundle = BundleFixtures.cleanBundle();
        byte[] checkpoint = CliFixtures.checkpointOfPrefix(14);
        byte[] key = (vkey() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] authorities = (CliFixtures.authorityKey() + "\n").getBytes(StandardCharsets.UTF_8);

        fuzz("bundle", bundle, 1, p -> List.of("bundle", "--bundle", p.toString(), "--log-key", vkey()));
        fuzz("export", export, 2, p -> audit(p, state, vkey(), "1"));
        fuzz("export-threads", export, 3, p -> audit(p, state, vkey(), "3"));
        fuzz("state", checkpoint, 4, p -> audit(exportFile, p, vkey(), "1"));
        fuzz("log-key", key, 5, p -> audit(exportFile, state, "@" + p, "1"));
        fuzz("authority-keys", authorities, 6, p -> audit(exportFile, state, vkey(), "1", "--authority-key",
                "@" + p));
        fuzz("bundle-log-key", key, 7, p -> List.of("bundle", "--bundle",
                Files.exists(dir.resolve("m.bundle.json")) ? dir.resolve("m.bundle.json").toString() : write(bundle),
                "--log-key", "@" + p));
        assertThat(failures).isEmpty();
    }

    private String write(byte[] bundle) {
        try {
            return Files.write(dir.resolve("m.bundle.json"), bundle).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
