/**
 * The court evidence bundle for one match (docs/format.md §11): the few events that matter, each
 * with its leaf bytes, leaf index and RFC 9162 inclusion proof against one signed checkpoint, and
 * the proof that the candidate entry was in the watchlist snapshot the match names.
 *
 * <p>{@link org.oversight.domain.bundle.EvidenceBundle} is the parsed, immutable form (strict
 * parser, canonical encoder); {@link org.oversight.domain.bundle.BundleBuilder} builds one from a
 * log. Neither verifies anything: that is the verifier's job.
 */
package org.oversight.domain.bundle;
