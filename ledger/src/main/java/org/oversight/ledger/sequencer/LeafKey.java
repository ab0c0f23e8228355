package org.oversight.ledger.sequencer;

import org.oversight.domain.crypto.Sha256Digest;

/** A committed leaf's index, event id and event hash, without its bytes (for duplicate checks). */
public record LeafKey(long index, String eventId, Sha256Digest hash) {}
