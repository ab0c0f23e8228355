package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.verifier.audit.CliFixtures;
import org.oversight.verifier.audit.LogAuditor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The last-resort handling: an error of any kind that escapes a command — thrown on the main
 * thread, or in the audit pipeline's reader or worker threads and handed over — exits
 * {@link VerifierCli#EXIT_INTERNAL} (never 0 or 1) with one line and no stack trace; and the real
 * {@code main} in a JVM with a small heap does the same.
 */
class InternalErrorTest {
    @TempDir
    Path dir;

    /** A command that fails the way a bug or an exhausted JVM would. */
    @Command(name = "crash")
    static final class CrashCommand implements Callable<Integer> {
        @Parameters(index = "0")
        String kind;

        @Override
        public Integer call() throws Exception {
            switch (kind) {
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "stack" -> throw new StackOverflowError();
                case "bug" -> throw new IllegalStateException("an invariant broke");
                case "checked" -> throw new IOException("unexpected");
                case "reader-thread" -> {
                    // The pipeline's reader thread hits the error; the ordered pass must hand it over.
                    new LogAuditor(CliFixtures.logKey().verifier(), CliFixtures.ORIGIN,
                            org.oversight.verifier.audit.AuditOptions.defaults().withParallelism(2))
                            .audit(failingAfterHeader(), Optional.empty(), (done, total) -> { });
                    return VerifierCli.EXIT_PASS;
                }
                default -> throw new AssertionError(kind);
            }
        }
    }

    /** The clean export's header line, then an OutOfMemoryError on the next read. */
    private static InputStream failingAfterHeader() {
        byte[] export = CliFixtures.cleanExport();
        int headerEnd = 0;
        while (export[headerEnd] != '\n') {
            headerEnd++;
        }
        int header = headerEnd + 1;
        return new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(export, 0, header);
            private int served;

            @Override
            public int read() {
                throw new AssertionError("bulk reads only");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served == header) {
                    throw new OutOfMemoryError("Java heap space");
                }
                int n = in.read(b, off, 1);
                served += n;
                return n;
            }
        };
    }

    private static String[] run(String kind) {
        CommandLine cli = new CommandLine(new VerifierCli()).addSubcommand("crash", new CrashCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VerifierCli.execute(cli, new String[] {"crash", kind}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new String[] {Integer.toString(code), err.toString(), out.toString()};
    }

    @Test
    void everyEscapingErrorExitsThreeWithOneLine() {
        for (String kind : List.of("oom", "stack", "bug", "checked", "reader-thread")) {
            String[] r = run(kind);
            assertThat(r[0]).as(kind + ": " + r[1]).isEqualTo(Integer.toString(VerifierCli.EXIT_INTERNAL));
            assertThat(r[1].lines()).as(kind).hasSize(1);
            assertThat(r[1]).as(kind).startsWith("verifier: internal error").doesNotContain("\tat ")
                    .contains("this is not a verdict on the input");
            assertThat(r[2]).as(kind).isEmpty();
        }
        assertThat(run("oom")[1]).contains("out of memory (give the JVM more heap");
        assertThat(run("reader-thread")[1]).contains("out of memory");
        assertThat(run("stack")[1]).contains("stack overflow");
        assertThat(run("bug")[1]).contains("java.lang.IllegalStateException: an invariant broke");
    }

    /** Runs the real {@code main} in a fresh JVM with {@code heap} of heap; returns exit code and stderr. */
    private static String[] java(String heap, String... args) throws Exception {
        return java(VerifierCli.class, heap, args);
    }

    private static String[] java(Class<?> main, String heap, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), err};
    }

    @Test
    void mainInASmallHeapExitsTwoOnDevZeroAndThreeWhenMemoryRunsOut() throws Exception {
        String key = CliFixtures.logKey().verifier().toVerifierKey();
        String[] zero = java("64m", "bundle", "--bundle", "/dev/zero", "--log-key", key);
        assertThat(zero[0]).as(zero[1]).isEqualTo("2");
        assertThat(zero[1]).isEqualTo("verifier: --bundle: /dev/zero is longer than 16777216 bytes, the most an"
                + " evidence bundle can be (format.md §11.1)\n");

        // A bundle of the largest allowed size cannot be read into a 20 MB heap.
        Path large = dir.resolve("large.bundle.json");
        try (RandomAccessFile f = new RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        String[] oom = java("20m", "bundle", "--bundle", large.toString(), "--log-key", key);
        assertThat(oom[0]).as(oom[1]).isEqualTo("3");
        assertThat(oom[1]).startsWith("verifier: internal error: out of memory").doesNotContain("\tat ");
        assertThat(oom[1].lines()).hasSize(1);
        assertThat(Files.exists(large)).isTrue();
    }

    @Test
    void anErrorInAnyOtherThreadHaltsWithThreeAndOneLine() throws Exception {
        Path fifo = dir.resolve("export.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        boolean made = mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0;
        if (!made) {
            System.out.println("InternalErrorTest: skipped: mkfifo is not available, so main cannot be made to block");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(made, "mkfifo is not available");
        String[] r = java(UncaughtInOtherThreadMain.class, "64m", "audit", "--export", fifo.toString(), "--state",
                dir.resolve("state").toString(), "--log-key", CliFixtures.logKey().verifier().toVerifierKey());
        assertThat(r[0]).as(r[1]).isEqualTo("3");
        assertThat(r[1]).isEqualTo("verifier: internal error (a bug in the verifier; please report it with the command"
                + " line; this is not a verdict on the input): java.lang.IllegalStateException: a helper thread broke\n");
    }

    @Test
    void everyHelpStatesTheExitCodes() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"audit", "--help"},
                new String[] {"bundle", "--help"})) {
            StringWriter out = new StringWriter();
            assertThat(VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)))
                    .isZero();
            assertThat(out.toString().replaceAll("\\s+", " ")).contains("Exit 0: every check held; 1: one or more violations;"
                    + " 2: usage error or unreadable input; 3: internal error");
        }
    }
}
