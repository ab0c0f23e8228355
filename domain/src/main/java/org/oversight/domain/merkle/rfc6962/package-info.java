/**
 * The log's Merkle tree as defined by RFC 9162 §2.1 (identical hashing to RFC 6962 §2.1), modelled
 * on transparency-dev/merkle.
 *
 * <ul>
 *   <li>{@link org.oversight.domain.merkle.rfc6962.Rfc6962Hashing}: leaf, node and root hashes.
 *   <li>{@link org.oversight.domain.merkle.rfc6962.ProofGenerator}: inclusion and consistency
 *       proofs computed from any {@link org.oversight.domain.merkle.rfc6962.HashSource} (the
 *       in-memory {@link org.oversight.domain.merkle.rfc6962.MerkleTree}, or tiles).
 *   <li>{@link org.oversight.domain.merkle.rfc6962.InclusionProofVerifier} and
 *       {@link org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier}: RFC 9162 §2.1.3.2 and
 *       §2.1.4.2, separate from generation so a verifier never trusts the generator's code.
 *   <li>{@link org.oversight.domain.merkle.rfc6962.CompactRange}: the sequencer's O(log n)
 *       appender and its persistable state.
 * </ul>
 */
package org.oversight.domain.merkle.rfc6962;
