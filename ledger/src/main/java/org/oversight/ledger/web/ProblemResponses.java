package org.oversight.ledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every error into an RFC 9457 problem ({@code application/problem+json}). Rejections are
 * logged at INFO with the rule and the detail, so the log states what was rejected and why.
 */
@RestControllerAdvice
public class ProblemResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> problem(ProblemException e) {
        LOG.info("rejected: {} ({}): {}", e.type().rule(), e.type().status().value(), e.detail());
        return respond(e.type(), e.detail());
    }

    /** An event rejected by the aggregate layer: its rule's problem. */
    @ExceptionHandler(EventRejectedException.class)
    public ResponseEntity<ProblemDetail> rejected(EventRejectedException e) {
        return problem(new ProblemException(ProblemType.of(e.type()), e.detail(), e));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return respond(ProblemType.MALFORMED_REQUEST, "request body unreadable: " + e.getMostSpecificCause().getMessage());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    public ResponseEntity<ProblemDetail> badParameter(Exception e) {
        return respond(ProblemType.MALFORMED_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(ProblemType.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return respond(ProblemType.METHOD_NOT_ALLOWED, e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return respond(ProblemType.NOT_FOUND, "no resource at /" + e.getResourcePath());
    }

    /**
     * Anything else is a bug or an outage, logged at ERROR with its stack trace — except a client
     * that went away (closed the connection early, sent less than its {@code Content-Length}, stopped
     * reading an export): that is the client's business, logged as one INFO line. If the response
     * has not started, the client (should it still listen) gets a 400; otherwise nothing more is sent.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request,
            HttpServletResponse response) {
        if (clientWentAway(e)) {
            LOG.info("client went away: {} {}: {}", request.getMethod(), request.getRequestURI(), describe(e));
            return response.isCommitted() ? null : respond(ProblemType.MALFORMED_REQUEST,
                    "the connection broke off before the request body was complete");
        }
        LOG.error("internal error", e);
        return respond(ProblemType.INTERNAL, "internal error; see the ledger log");
    }

    /** Whether {@code e} or one of its causes says the client disconnected (Spring's own test). */
    static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (DisconnectedClientHelper.isClientDisconnectedException(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    static ResponseEntity<ProblemDetail> respond(ProblemType type, String detail) {
        return ResponseEntity.status(type.status()).body(Problems.of(type, detail));
    }
}
