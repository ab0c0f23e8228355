package org.oversight.ledger.web;

import java.net.URI;
import org.oversight.ledger.aggregate.Rejection;
import org.springframework.http.HttpStatus;

/**
 * Every rule the ledger can reject a request for, each with its RFC 9457 {@code type} URI, a short
 * human title and the HTTP status. The URI names the rule ({@code urn:oversight:problem:<rule>}),
 * so clients switch on it rather than on the title or detail text.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
    NON_CANONICAL("non-canonical", "Event bytes are not canonical JSON", HttpStatus.BAD_REQUEST),
    INVALID_EVENT("invalid-event", "Event does not conform to its schema", HttpStatus.BAD_REQUEST),
    BAD_SIGNATURE("bad-signature", "Event signature does not verify", HttpStatus.UNPROCESSABLE_ENTITY),
    UNKNOWN_SIGNER("unknown-signer", "Signer key is not enrolled", HttpStatus.UNPROCESSABLE_ENTITY),
    SIGNER_NOT_VALID("signer-not-valid", "Signer key is revoked or not yet enrolled at this point of the log",
            HttpStatus.UNPROCESSABLE_ENTITY),
    SIGNER_NOT_PERMITTED("signer-not-permitted", "Signer's role may not emit this event on this stream",
            HttpStatus.UNPROCESSABLE_ENTITY),
    GENESIS_VIOLATION("genesis-violation", "Event breaks the genesis rule", HttpStatus.UNPROCESSABLE_ENTITY),
    REGISTRY_CONFLICT("registry-conflict", "Event contradicts the principal registry", HttpStatus.CONFLICT),
    SEQUENCE_GAP("sequence-gap", "Stream sequence number skips ahead", HttpStatus.CONFLICT),
    STREAM_FORK("stream-fork", "A different event is already recorded at this stream position",
            HttpStatus.CONFLICT),
    WRONG_PREV("wrong-prev", "Previous-event hash does not match the stream head", HttpStatus.CONFLICT),
    EVENT_ID_CONFLICT("event-id-conflict", "Event id already used by a different event", HttpStatus.CONFLICT),
    CAMERA_NOT_ACTIVE("camera-not-active", "Detection from a camera that is not registered and active",
            HttpStatus.UNPROCESSABLE_ENTITY),
    WATCHLIST_AUTHORISATION("watchlist-authorisation",
            "Watchlist entry lacks a valid authorisation by its signing officer", HttpStatus.UNPROCESSABLE_ENTITY),
    DUPLICATE_REVIEW("duplicate-review", "Reviewer has already reviewed this match", HttpStatus.CONFLICT),
    INSUFFICIENT_CONFIRMATIONS("insufficient-confirmations",
            "Action needs at least two confirmations by distinct reviewers", HttpStatus.UNPROCESSABLE_ENTITY),
    STREAM_STATE("stream-state", "Event does not fit the state of its stream", HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request exceeds a size limit", HttpStatus.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    DIGEST_MISMATCH("digest-mismatch", "Body does not hash to the digest it is stored under", HttpStatus.CONFLICT),
    INVALID_BLOB("invalid-blob", "Body is not a canonical sealed blob", HttpStatus.BAD_REQUEST),
    ERASED("erased", "Sealed record erased", HttpStatus.NOT_FOUND),
    RECORD_ERASED("record-erased", "Sealed record was erased and is not stored again", HttpStatus.CONFLICT),
    UNKNOWN_EPOCH("unknown-epoch", "The vault holds no key for this erasure epoch", HttpStatus.UNPROCESSABLE_ENTITY),
    EPOCH_CLOSED("epoch-closed", "The erasure epoch is closed: its key is destroyed", HttpStatus.CONFLICT),
    EPOCH_VIOLATION("epoch-violation",
            "Sealed detection not sealed to an open erasure epoch covering its capture time (rule R5(a))",
            HttpStatus.UNPROCESSABLE_ENTITY),
    RECORD_NOT_STORED("record-not-stored",
            "Sealed record whose blob is not stored in the vault, names another position or does not open to its"
                    + " leaf",
            HttpStatus.UNPROCESSABLE_ENTITY),
    NOT_A_SEALED_RECORD("not-a-sealed-record",
            "Disclosure names no accepted sealed (schema-2) detection before it (rule R-disclosure)",
            HttpStatus.UNPROCESSABLE_ENTITY),
    SEALING_REQUIRED("sealing-required", "Biometric data must be sealed: clear (schema-1) detections are refused",
            HttpStatus.UNPROCESSABLE_ENTITY),
    TIME_AHEAD("time-ahead", "Event time is ahead of the ledger's clock by more than the tolerance",
            HttpStatus.UNPROCESSABLE_ENTITY),
    DISCLOSURE_REQUIRED("disclosure-required", "Sealed records are read only through a recorded disclosure",
            HttpStatus.FORBIDDEN),
    SEARCH_DESTROYED("search-destroyed",
            "The retrospective search was not authorised in time: its results are destroyed", HttpStatus.GONE),
    INVALID_ENROLMENT("invalid-enrolment", "Body is not a canonical enrolment record for this entry",
            HttpStatus.BAD_REQUEST),
    ENROLMENT_MISMATCH("enrolment-mismatch",
            "Enrolment crops do not derive the entry's templates bit for bit", HttpStatus.UNPROCESSABLE_ENTITY),
    ENROLMENT_CONFLICT("enrolment-conflict", "Another enrolment record is already stored for this entry",
            HttpStatus.CONFLICT),
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

    /**
     * The problem for an event rejection of the aggregate layer: the same rule, by name. Every
     * {@link Rejection} has one (tested).
     */
    public static ProblemType of(Rejection rejection) {
        return valueOf(rejection.name());
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
