/**
 * The log's Merkle tree: {@link org.oversight.domain.merkle.rfc6962} (RFC 9162 / RFC 6962 hashing,
 * proofs and the sequencer's compact range) and {@link org.oversight.domain.merkle.tiles} (the C2SP
 * tlog-tiles layout the log is served in).
 */
package org.oversight.domain.merkle;
