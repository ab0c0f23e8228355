package org.oversight.ledger.security;

/**
 * The HTTP API roles. Separate from the signing roles of the event registry: an API role says who
 * may call an endpoint, while every write is authorised by the signature inside the event.
 */
public enum Role {
    /** Reads the log, proofs and events; never writes. */
    AUDITOR,
    /** Submits reviews and reads matches. */
    REVIEWER,
    /** Submits watchlist and action events. */
    OFFICER,
    /** Runs the system: submits events for cameras and the engine, reads everything. */
    OPERATOR,
    /** A camera: submits its signed detections and stores their sealed blobs in the vault. */
    CAMERA,
    /** A live auditor (witness): reads sealed blobs from the vault, which it opens with its own epoch key. */
    WITNESS,
    /** An authority: asks the vault for its epoch key, submits policy and epoch events, discloses records. */
    AUTHORITY;

    /** The Spring Security authority name, {@code ROLE_<NAME>}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
