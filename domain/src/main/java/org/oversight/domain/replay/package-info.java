/**
 * Accepting events in log order (docs/format.md §5.5): envelope, chain, signer, signature, effect
 * — the one sequence the ledger's ingest and the verifier's replay both run.
 */
package org.oversight.domain.replay;
