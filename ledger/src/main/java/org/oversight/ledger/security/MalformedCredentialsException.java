package org.oversight.ledger.security;

/** A credentials file line or a presented token that cannot be parsed; names the line or token part. */
public final class MalformedCredentialsException extends Exception {
    public MalformedCredentialsException(String message) {
        super(message);
    }
}
