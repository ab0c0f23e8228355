package org.oversight.ops.cli;

/** Bad input to a command (unreadable file, malformed key or event): one line, exit 2. */
final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
