/**
 * The log's single writer: consecutive leaf indices in one total order, RFC 6962 Merkle state
 * persisted atomically with the leaves, and the checkpointer that signs C2SP checkpoints and
 * refuses to sign one inconsistent with the last. Spec: docs/format.md §6 and §8, docs/ledger.md
 * §2.
 */
package org.oversight.ledger.sequencer;
