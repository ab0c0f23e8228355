package org.oversight.ops.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ops/oversight-cli.sh <command>}: the integrator's tool (docs/java-client.md §6).
 *
 * <p>Exit codes: 0 done; 1 the ledger refused the event (its RFC 9457 problem is printed); 2 bad
 * input, usage error or the ledger unreachable (one line on stderr); 3 internal error (a bug; one
 * line on stderr).
 */
@Command(name = "oversight-cli", mixinStandardHelpOptions = true, version = "oversight-cli 0.1.0",
        description = {"Keys, enrolment requests, signing and submitting events for integrators.",
            IntegratorCli.EXIT_CODES_HELP},
        subcommands = {GenerateKeyCommand.class, PublicKeyCommand.class, EnrolmentRequestCommand.class,
            SealEntryCommand.class, SignCommand.class, SubmitCommand.class})
public final class IntegratorCli implements Runnable {
    public static final int EXIT_OK = 0;
    /** The ledger refused the event. */
    public static final int EXIT_REFUSED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 3;
    static final String EXIT_CODES_HELP = "Exit 0: done; 1: the ledger refused the event; 2: bad input, usage"
            + " error or ledger unreachable; 3: internal error.";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command (try: generate-key, public-key, enrolment-request, seal-entry, sign, submit)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI and returns the exit code (for tests and {@link #main}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new IntegratorCli());
        try {
            cli.setOut(out);
            cli.setErr(err);
            cli.setParameterExceptionHandler((e, arguments) -> oneLine(err, e.getMessage() + " (see --help)",
                    EXIT_USAGE));
            cli.setExecutionExceptionHandler((e, command, parseResult) -> e instanceof BadInputException
                    ? oneLine(err, e.getMessage(), EXIT_USAGE)
                    : oneLine(err, "internal error (a bug; please report it): " + e, EXIT_INTERNAL));
            return cli.execute(args);
        } catch (Throwable e) {
            return oneLine(err, "internal error: " + e, EXIT_INTERNAL);
        } finally {
            out.flush();
        }
    }

    private static int oneLine(PrintWriter err, String message, int code) {
        err.println("oversight-cli: " + printable(message.replaceAll("\\s*\\R\\s*", " ")));
        err.flush();
        return code;
    }

    /** Control characters from the input (echoed in messages) written as \\uXXXX: one harmless line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
