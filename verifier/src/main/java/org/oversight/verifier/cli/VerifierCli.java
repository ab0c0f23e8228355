package org.oversight.verifier.cli;

import java.io.PrintWriter;
import org.oversight.verifier.report.TextReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar verifier.jar <command>}: the auditor's offline tool.
 *
 * <p>Exit codes: 0 every check held; 1 a violation was found; 2 usage error or unreadable input
 * (one line on stderr); 3 internal error — a bug or the JVM out of memory or stack — (one line on
 * stderr). Nothing but a finished verification exits 0 or 1: every error, checked or not, in any
 * thread of the verifier, ends in 2 or 3 with one line and no stack trace.
 */
@Command(name = "verifier", mixinStandardHelpOptions = true, version = "oversight verifier " + VerifierBuild.VERSION,
        description = {"Verifies an Oversight log offline.", VerifierCli.EXIT_CODES_HELP},
        subcommands = {AuditCommand.class, BundleCommand.class, WitnessCommand.class, WitnessKeyCommand.class})
public final class VerifierCli implements Runnable {
    /** Every check held. */
    public static final int EXIT_PASS = 0;
    /** At least one violation. */
    public static final int EXIT_VIOLATION = 1;
    /** Usage error or unreadable input. */
    public static final int EXIT_USAGE = 2;
    /** Internal error: a bug in the verifier, or the JVM ran out of memory or stack. Never a verdict. */
    public static final int EXIT_INTERNAL = 3;
    /** The exit codes, as every command's help states them. */
    static final String EXIT_CODES_HELP = "Exit 0: every check held; 1: one or more violations; 2: usage error or"
            + " unreadable input; 3: internal error (a bug, or out of memory: never a verdict on the log).";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: audit or bundle)");
    }

    /**
     * The JVM entry point. Installs the last-resort handler for every thread first: an error that
     * escapes everything else prints one line and halts with {@link #EXIT_INTERNAL}, so that no
     * crash ever exits 0 or 1 (the JVM's default for an uncaught error in {@code main} is 1).
     */
    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("verifier: " + internalMessage(e));
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_INTERNAL);
        });
        int code;
        try {
            code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        } catch (Throwable e) {
            // run catches everything already; this is for an error while reporting an error.
            System.err.println("verifier: " + internalMessage(e));
            code = EXIT_INTERNAL;
        }
        System.exit(code);
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and {@link #main}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new CommandLine(new VerifierCli()), args, out, err);
    }

    /**
     * As above, with {@code clock} as the time of an audit in its report's provenance and stderr
     * taken as not a terminal (tests: reproducible reports).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, java.time.Clock clock) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == AuditCommand.class ? cls.cast(new AuditCommand(clock, false)) : defaults.create(cls);
            }
        };
        return execute(new CommandLine(new VerifierCli(), factory), args, out, err);
    }

    /**
     * Runs {@code cli} (the verifier's command line, or one with extra commands in tests) with the
     * exit-code contract: picocli's parameter errors give {@link #EXIT_USAGE}; any exception or
     * error escaping a command — thrown by it, by picocli, or handed over from a worker thread —
     * gives {@link #EXIT_INTERNAL}; each with one line on {@code err}.
     */
    static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        try {
            // "@file" belongs to --log-key, not to picocli's argument-file expansion.
            cli.setExpandAtFiles(false);
            cli.setOut(out);
            cli.setErr(err);
            cli.setParameterExceptionHandler((e, arguments) -> usageError(err, e.getMessage() + " (see --help)"));
            cli.setExecutionExceptionHandler((e, command, parseResult) -> internalError(err, e));
            return cli.execute(args);
        } catch (Throwable e) {
            // Errors (OutOfMemoryError, StackOverflowError) pass through picocli's handlers.
            return internalError(err, e);
        }
    }

    /** Prints {@code message} as the one line of a usage error and returns {@link #EXIT_USAGE}. */
    static int usageError(PrintWriter err, String message) {
        err.println("verifier: " + TextReportWriter.oneLine(message));
        err.flush();
        return EXIT_USAGE;
    }

    /** Prints the one line of an internal error and returns {@link #EXIT_INTERNAL}. */
    static int internalError(PrintWriter err, Throwable e) {
        err.println("verifier: " + TextReportWriter.oneLine(internalMessage(e)));
        err.flush();
        return EXIT_INTERNAL;
    }

    /**
     * The one-line description of an internal error: out of memory and stack overflow in words
     * (wherever in the cause chain they are, e.g. wrapped by a worker thread's hand-over), anything
     * else as a bug to report, with the exception's class and message (a bug report needs them).
     */
    static String internalMessage(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return "internal error: out of memory (give the JVM more heap, e.g. java -Xmx4g -jar verifier.jar;"
                        + " this is not a verdict on the input)";
            }
            if (t instanceof StackOverflowError) {
                return "internal error: stack overflow (a bug in the verifier; please report it with the command"
                        + " line; this is not a verdict on the input)";
            }
        }
        String message = e.getMessage();
        return "internal error (a bug in the verifier; please report it with the command line; this is not a verdict"
                + " on the input): " + e.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
