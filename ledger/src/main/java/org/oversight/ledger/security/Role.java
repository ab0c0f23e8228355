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
    OPERATOR;

    /** The Spring Security authority name, {@code ROLE_<NAME>}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
