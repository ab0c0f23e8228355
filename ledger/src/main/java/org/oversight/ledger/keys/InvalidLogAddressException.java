package org.oversight.ledger.keys;

/** The configured public URL or origin of the log cannot be the log's origin; the message names the value. */
public class InvalidLogAddressException extends Exception {
    public InvalidLogAddressException(String message) {
        super(message);
    }
}
