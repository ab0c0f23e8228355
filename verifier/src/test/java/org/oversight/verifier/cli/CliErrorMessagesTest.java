package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.verifier.audit.CliFixtures;
import org.oversight.verifier.bundle.BundleFixtures;

/**
 * Every kind of bad input ends in exit 2 and exactly one plain line on stderr, which must equal
 * the golden file {@code golden/cli-errors.txt} (temporary paths written {@code $DIR}, the closed
 * port {@code $PORT}); nothing on stdout. Regenerate after a deliberate change with
 * {@code -Dverifier.updateGolden=true}.
 */
class CliErrorMessagesTest {
    private static final String GOLDEN = "golden/cli-errors.txt";
    private static final Path DEV_ZERO = Path.of("/dev/zero");
    /** A sparse file of 512 MiB: as large as the issue's report, without using the disk. */
    private static final long OVERSIZED = 512L << 20;

    @TempDir
    Path dir;

    private String export;
    private String bundle;
    private String checkpoint;
    private String keyFile;
    private String privateKeyFile;
    private String oversized;
    private String missing;
    private String directory;
    private int closedPort;

    @BeforeEach
    void files() throws IOException {
        export = write("log.export", CliFixtures.cleanExport());
        bundle = write("m.bundle.json", BundleFixtures.cleanBundle());
        checkpoint = write("log.checkpoint", CliFixtures.checkpointOfPrefix(14));
        keyFile = write("log.vkey", (vkey() + "\n").getBytes(StandardCharsets.UTF_8));
        privateKeyFile = write("log.skey", (CliFixtures.logKey().exportSignerKey() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(OVERSIZED);
        }
        oversized = big.toString();
        missing = dir.resolve("missing").toString();
        Path sub = dir.resolve("a-directory");
        Files.createDirectory(sub);
        directory = sub.toString();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    private static String vkey() {
        return CliFixtures.logKey().verifier().toVerifierKey();
    }

    /** {@code audit} with a valid export, key and state, then {@code extra} (later options win). */
    private List<String> audit(String... extra) {
        return withDefaults(List.of("audit", "--export", export, "--log-key", vkey(), "--state",
                dir.resolve("state").toString(), "--threads", "1"), extra);
    }

    private List<String> auditUrl(String... extra) {
        return withDefaults(List.of("audit", "--url", "http://127.0.0.1:" + closedPort, "--log-key", vkey(),
                "--state", dir.resolve("state").toString()), extra);
    }

    private List<String> bundle(String... extra) {
        return withDefaults(List.of("bundle", "--bundle", bundle, "--log-key", vkey()), extra);
    }

    private static List<String> withDefaults(List<String> defaults, String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < defaults.size(); i += 2) {
            options.put(defaults.get(i), defaults.get(i + 1));
        }
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i].startsWith("-")) {
                options.remove(extra[i]);
            }
        }
        List<String> args = new ArrayList<>();
        args.add(defaults.get(0));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        args.addAll(List.of(extra));
        return args;
    }

    private Map<String, List<String>> cases() {
        String zero = DEV_ZERO.toString();
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("export: /dev/zero", audit("--export", zero));
        c.put("export: oversized", audit("--export", oversized));
        c.put("export: missing", audit("--export", missing));
        c.put("export: directory", audit("--export", directory));
        c.put("export: an evidence bundle", audit("--export", bundle));
        c.put("export: a signed checkpoint", audit("--export", checkpoint));
        c.put("state: /dev/zero", audit("--state", zero));
        c.put("state: oversized", audit("--state", oversized));
        c.put("state: directory", audit("--state", directory));
        c.put("state: a log export", audit("--state", export));
        c.put("log key: @/dev/zero", audit("--log-key", "@" + zero));
        c.put("log key: oversized", audit("--log-key", "@" + oversized));
        c.put("log key: missing", audit("--log-key", "@" + missing));
        c.put("log key: directory", audit("--log-key", "@" + directory));
        c.put("log key: a file path without @", audit("--log-key", keyFile));
        c.put("log key: not a key", audit("--log-key", "not-a-key"));
        c.put("log key: wrong key id", audit("--log-key", vkey().replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+")));
        c.put("log key: a private key", audit("--log-key", "@" + privateKeyFile));
        c.put("log key: a file holding a checkpoint", audit("--log-key", "@" + checkpoint));
        c.put("log key: @ alone", audit("--log-key", "@"));
        c.put("token: @/dev/zero", auditUrl("--token", "@" + zero));
        c.put("token: missing", auditUrl("--token", "@" + missing));
        c.put("token: a file path without @", auditUrl("--token", keyFile));
        c.put("authority key: @/dev/zero", audit("--authority-key", "@" + zero));
        c.put("authority key: oversized", audit("--authority-key", "@" + oversized));
        c.put("authority key: missing", audit("--authority-key", "@" + missing));
        c.put("authority key: directory", audit("--authority-key", "@" + directory));
        c.put("authority key: a file path without @", audit("--authority-key", keyFile));
        c.put("authority key: truncated", audit("--authority-key", "ed25519:AAAA"));
        c.put("authority key: small order (identity)", audit("--authority-key", "ed25519:"
                + Base64.getEncoder().encodeToString(identityPoint())));
        c.put("authority key: a log verifier key", audit("--authority-key", vkey()));
        c.put("threads: 0", audit("--threads", "0"));
        c.put("threads: -1", audit("--threads", "-1"));
        c.put("threads: 65", audit("--threads", "65"));
        c.put("threads: 2147483647", audit("--threads", "2147483647"));
        c.put("threads: 99999999999", audit("--threads", "99999999999"));
        c.put("threads: many", audit("--threads", "many"));
        c.put("url: connection refused", auditUrl());
        c.put("url: not http", auditUrl("--url", "ftp://127.0.0.1/"));
        c.put("url and export", audit("--url", "http://127.0.0.1:" + closedPort));
        c.put("json: directory", audit("--json", directory));
        c.put("bundle: /dev/zero", bundle("--bundle", zero));
        c.put("bundle: oversized", bundle("--bundle", oversized));
        c.put("bundle: missing", bundle("--bundle", missing));
        c.put("bundle: directory", bundle("--bundle", directory));
        c.put("bundle: a log export", bundle("--bundle", export));
        c.put("bundle: a signed checkpoint", bundle("--bundle", checkpoint));
        c.put("bundle: a log key missing", bundle("--log-key", "@" + missing));
        c.put("bundle: html directory", bundle("--html", directory));
        c.put("no command", List.of());
        c.put("unknown command", List.of("frobnicate"));
        c.put("unknown option", audit("--bogus", "x"));
        return c;
    }

    /** The encoding of the identity point (y = 1): on the curve, but of order 1. */
    private static byte[] identityPoint() {
        byte[] b = new byte[32];
        b[0] = 1;
        return b;
    }

    @Test
    void everyBadInputExitsTwoWithOnePlainLineMatchingTheGoldenFile() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(DEV_ZERO), "no /dev/zero on this system: the test needs it");
        StringBuilder actual = new StringBuilder();
        for (Map.Entry<String, List<String>> c : cases().entrySet()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = VerifierCli.run(c.getValue().toArray(String[]::new), new PrintWriter(out, true),
                    new PrintWriter(err, true));
            String stderr = err.toString();
            assertThat(code).as("%s: %s", c.getKey(), stderr).isEqualTo(VerifierCli.EXIT_USAGE);
            assertThat(stderr.lines()).as(c.getKey()).hasSize(1);
            assertThat(stderr).as(c.getKey()).startsWith("verifier: ").doesNotContain("Exception", "\tat ",
                    "java.", "Error");
            assertThat(out.toString()).as(c.getKey()).isEmpty();
            actual.append(c.getKey()).append(": ").append(placeholders(stderr.strip())).append('\n');
        }
        assertThat(Files.exists(dir.resolve("state"))).isFalse();
        if (Boolean.getBoolean("verifier.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/" + GOLDEN), actual.toString());
        }
        assertThat(actual.toString()).isEqualTo(golden());
    }

    @Test
    void anUnreadableFileIsNamedAsSuch() throws Exception {
        Path locked = Files.writeString(dir.resolve("locked.vkey"), vkey());
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(locked)) {
            System.out.println("CliErrorMessagesTest: skipped: permission bits do not stop this user (root) from"
                    + " reading, so 'permission denied' cannot be produced here");
        }
        Assumptions.assumeFalse(Files.isReadable(locked), "running as a user whom permission bits do not stop");
        StringWriter err = new StringWriter();
        for (List<String> args : List.of(audit("--log-key", "@" + locked), audit("--export", locked.toString()),
                audit("--state", locked.toString()), bundle("--bundle", locked.toString()))) {
            err.getBuffer().setLength(0);
            assertThat(VerifierCli.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true))).isEqualTo(2);
            assertThat(err.toString()).endsWith("permission denied: " + locked + "\n");
        }
    }

    private String placeholders(String line) {
        return line.replace(dir.toString(), "$DIR").replace(":" + closedPort, ":$PORT");
    }

    private static String golden() throws IOException {
        try (InputStream in = Objects.requireNonNull(CliErrorMessagesTest.class.getResourceAsStream("/" + GOLDEN),
                GOLDEN)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
