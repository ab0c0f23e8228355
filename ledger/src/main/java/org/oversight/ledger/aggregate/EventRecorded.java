package org.oversight.ledger.aggregate;

/**
 * The Axon event an aggregate applies for an accepted envelope: the envelope's canonical JSON
 * text, unchanged (its bytes are the log leaf). Metadata carries {@link #LEAF_INDEX} and
 * {@link #SIGNER_PRINCIPAL} (the principal that owned the signing key at that leaf).
 */
public record EventRecorded(String envelope) {
    public static final String LEAF_INDEX = "leafIndex";
    public static final String SIGNER_PRINCIPAL = "signerPrincipal";
}
