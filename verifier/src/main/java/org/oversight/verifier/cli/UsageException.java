package org.oversight.verifier.cli;

/**
 * Bad input or a bad argument: the command cannot run. The message is one line, names the option
 * and the offending value (never a secret, never a Java class), and the CLI exits
 * {@link VerifierCli#EXIT_USAGE}.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
