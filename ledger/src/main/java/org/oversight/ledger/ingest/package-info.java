/**
 * The write path: {@code POST /v1/events} and {@code /v1/events/batch}. Signatures are checked
 * before the writer lock; under it each stream run goes through its aggregate, the sequencer
 * assigns leaf indices, and the transaction commits leaves and Axon events together, all or
 * nothing per request, idempotently by event hash. Spec: docs/ledger.md §1 (write path, rules
 * enforced at ingest).
 */
package org.oversight.ledger.ingest;
