package org.oversight.ledger.sequencer;

/** A committed leaf's index and its event's stream and seq, without its bytes. */
public record StreamLeaf(long index, String stream, long seq) {}
