/**
 * The Oversight ledger service (Spring Boot + Axon Framework without Axon Server): ingest of
 * signed events, the single-writer sequencer and signed checkpoints, the recognition engine, log
 * serving (tiles, proofs, export, evidence bundles) and security. Service documentation:
 * docs/ledger.md; storage: docs/storage.md; wire format: docs/format.md.
 */
package org.oversight.ledger;
