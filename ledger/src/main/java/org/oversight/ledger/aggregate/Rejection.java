package org.oversight.ledger.aggregate;

/**
 * Why the ledger refuses an event, in the aggregate layer's own terms (no transport): the web
 * layer alone maps each reason to an HTTP status and problem type ({@code web.ProblemType}), as
 * tessera's log defines its errors and only its HTTP handlers pick the status.
 */
public enum Rejection {
    BAD_SIGNATURE("bad-signature"),
    UNKNOWN_SIGNER("unknown-signer"),
    SIGNER_NOT_VALID("signer-not-valid"),
    SIGNER_NOT_PERMITTED("signer-not-permitted"),
    GENESIS_VIOLATION("genesis-violation"),
    REGISTRY_CONFLICT("registry-conflict"),
    SEQUENCE_GAP("sequence-gap"),
    STREAM_FORK("stream-fork"),
    WRONG_PREV("wrong-prev"),
    EVENT_ID_CONFLICT("event-id-conflict"),
    CAMERA_NOT_ACTIVE("camera-not-active"),
    WATCHLIST_AUTHORISATION("watchlist-authorisation"),
    DUPLICATE_REVIEW("duplicate-review"),
    INSUFFICIENT_CONFIRMATIONS("insufficient-confirmations"),
    STREAM_STATE("stream-state"),
    /** A sealed detection names an erasure epoch that is not open for it (docs/format.md §5.4, R5(a)). */
    EPOCH_VIOLATION("epoch-violation"),
    /**
     * A sealed detection's or entry's blob is not in the vault for its epoch, stream and seq, or (an
     * entry) does not open to the record its leaf commits to (docs/ledger.md "Vault").
     */
    RECORD_NOT_STORED("record-not-stored"),
    /**
     * A schema-2 {@code WatchlistEntryAuthorized} whose sealed enrolment crops do not derive its
     * templates with the recognition network (docs/format.md §12.7).
     */
    ENROLMENT_MISMATCH("enrolment-mismatch"),
    /** A {@code RecordDisclosed} names a record erased by its epoch's close or destroyed (R5(c)). */
    RECORD_ERASED("record-erased"),
    /** A {@code RecordDisclosed} names no accepted sealed detection before it (R-disclosure). */
    NOT_A_SEALED_RECORD("not-a-sealed-record"),
    /** A schema-1 (clear) {@code FaceDetected} while the ledger requires sealing. */
    SEALING_REQUIRED("sealing-required"),
    /** An event whose header time is ahead of the ledger's clock by more than the tolerance. */
    TIME_AHEAD("time-ahead");

    private final String rule;

    Rejection(String rule) {
        this.rule = rule;
    }

    /** The rule's short name, as in the problem type URI {@code urn:oversight:problem:<rule>}. */
    public String rule() {
        return rule;
    }
}
