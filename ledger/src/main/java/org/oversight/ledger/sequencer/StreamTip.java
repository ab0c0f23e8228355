package org.oversight.ledger.sequencer;

import org.oversight.domain.crypto.Sha256Digest;

/** The last committed event of a stream: its seq, leaf index and event hash. */
public record StreamTip(long seq, long leafIndex, Sha256Digest hash) {}
