package org.oversight.ledger.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every rule the ledger can reject a request for, each with its RFC 9457 {@code type} URI, a short
 * human title and the HTTP status. The URI names the rule ({@code urn:oversight:problem:<rule>}),
 * so clients switch on it rather than on the title or detail text.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
    NON_CANONICAL("non-canonical", "Event bytes are not canonical JSON", HttpStatus.BAD_REQUEST),
    INVALID_EVENT("invalid-event", "Event does not conform to its schema", HttpStatus.UNPROCESSABLE_ENTITY),
    BAD_SIGNATURE("bad-signature", "Event signature does not verify", HttpStatus.UNPROCESSABLE_ENTITY),
    UNKNOWN_SIGNER("unknown-signer", "Signer key is not enrolled", HttpStatus.UNPROCESSABLE_ENTITY),
    REVOKED_SIGNER("revoked-signer", "Signer key is revoked", HttpStatus.UNPROCESSABLE_ENTITY),
    SIGNER_NOT_PERMITTED("signer-not-permitted", "Signer may not emit this event on this stream",
            HttpStatus.FORBIDDEN),
    SEQUENCE_GAP("sequence-gap", "Stream sequence number skips ahead", HttpStatus.CONFLICT),
    STREAM_FORK("stream-fork", "Event conflicts with an event already in the stream", HttpStatus.CONFLICT),
    WRONG_PREV("wrong-prev", "Previous-event hash does not match the stream head", HttpStatus.CONFLICT),
    EVENT_ID_CONFLICT("event-id-conflict", "Event id already used by a different event", HttpStatus.CONFLICT),
    RULE_VIOLATION("rule-violation", "Event breaks a ledger rule", HttpStatus.UNPROCESSABLE_ENTITY),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request exceeds a size limit", HttpStatus.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    BAD_PROOF_REQUEST("bad-proof-request", "Proof request out of range", HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "Authentication required", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Role not permitted", HttpStatus.FORBIDDEN),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    UNAVAILABLE("unavailable", "Ledger is not accepting writes", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL("internal", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    /** The common prefix of every problem type URI. */
    public static final String URI_PREFIX = "urn:oversight:problem:";

    private final String rule;
    private final String title;
    private final HttpStatus status;

    ProblemType(String rule, String title, HttpStatus status) {
        this.rule = rule;
        this.title = title;
        this.status = status;
    }

    /** The rule's short name, the last segment of {@link #uri()}. */
    public String rule() {
        return rule;
    }

    public URI uri() {
        return URI.create(URI_PREFIX + rule);
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
