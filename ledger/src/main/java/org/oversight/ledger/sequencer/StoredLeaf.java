package org.oversight.ledger.sequencer;

/** A leaf as stored, with the index the sequencer gave it. */
public record StoredLeaf(long index, Leaf leaf) {}
