package org.oversight.ledger.web;

import org.oversight.ledger.storage.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Requests that failed because the database is unreachable, restarting or recovering: 503
 * {@code unavailable} problem+json with {@code Retry-After}, logged as one WARN line (no stack
 * trace: the cause is the database, not a bug). Spring matches these handlers against the
 * exception and each of its causes, and this advice is ordered before the generic handler of
 * {@link ProblemResponses}, so a wrapped database failure is answered here too.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnavailableResponses {
    private static final Logger LOG = LoggerFactory.getLogger(UnavailableResponses.class);
    /** Retry-After for a database failure met outside the write path. */
    static final long RETRY_AFTER_SECONDS = 2;

    @ExceptionHandler(ServiceUnavailableException.class)
    public ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException e) {
        LOG.warn("unavailable (503): {}", e.getMessage());
        return respond(e.getMessage(), e.retryAfterSeconds());
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class, TransactionSystemException.class})
    public ResponseEntity<ProblemDetail> database(Exception e) {
        String detail = "the database is unavailable (" + DatabaseFailures.describe(e) + "); retry later";
        LOG.warn("unavailable (503): {}", detail);
        return respond(detail, RETRY_AFTER_SECONDS);
    }

    static ResponseEntity<ProblemDetail> respond(String detail, long retryAfterSeconds) {
        return ResponseEntity.status(ProblemType.UNAVAILABLE.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .body(Problems.of(ProblemType.UNAVAILABLE, detail));
    }
}
