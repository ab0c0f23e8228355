package org.oversight.ledger.aggregate;

/**
 * The Axon event an aggregate applies for an accepted envelope: the envelope's canonical JSON
 * text, unchanged (its bytes are the log leaf). Metadata carries {@link #LEAF_INDEX},
 * {@link #SIGNER_PRINCIPAL} (the principal that owned the signing key at that leaf) and
 * {@link #EVENT_TYPE} (the envelope's type, so replays parse only the envelopes they need).
 */
public record EventRecorded(String envelope) {
    public static final String LEAF_INDEX = "leafIndex";
    public static final String SIGNER_PRINCIPAL = "signerPrincipal";
    public static final String EVENT_TYPE = "eventType";
}
