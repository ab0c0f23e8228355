package org.oversight.verifier.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar verifier.jar <command>}: the auditor's offline tool.
 *
 * <p>Exit codes: 0 every check held; 1 a violation was found; 2 usage error or unreadable input
 * (one line on stderr).
 */
@Command(name = "verifier", mixinStandardHelpOptions = true, version = "oversight verifier 0.1.0",
        description = "Verifies an Oversight log offline.",
        subcommands = {AuditCommand.class, BundleCommand.class, WitnessCommand.class, WitnessKeyCommand.class})
public final class VerifierCli implements Runnable {
    /** Every check held. */
    public static final int EXIT_PASS = 0;
    /** At least one violation. */
    public static final int EXIT_VIOLATION = 1;
    /** Usage error or unreadable input. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: audit)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and {@link #main}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new VerifierCli());
        // "@file" belongs to --log-key, not to picocli's argument-file expansion.
        cli.setExpandAtFiles(false);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("verifier: " + e.getMessage() + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            // Anything unexpected is a bug or an environment failure, never a verdict on the log.
            err.println("verifier: " + e);
            err.flush();
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }
}
