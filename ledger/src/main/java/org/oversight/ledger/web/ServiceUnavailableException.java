package org.oversight.ledger.web;

/**
 * The ledger cannot serve a request right now (its database is down, restarting or recovering, or
 * the write path is still rebuilding its state after such a failure); nothing of the request was
 * stored unless the detail says otherwise. Answered 503 {@code unavailable} with
 * {@code Retry-After} by {@link UnavailableResponses}.
 */
public final class ServiceUnavailableException extends RuntimeException {
    private final long retryAfterSeconds;

    public ServiceUnavailableException(String detail, long retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds " + retryAfterSeconds + " < 1");
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
