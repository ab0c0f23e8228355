/**
 * Witness cosignatures for the log's checkpoints (C2SP tlog-witness, tlog-cosignature/v1): each
 * configured witness is sent every new checkpoint with a consistency proof from its last size, on
 * its own thread, so a slow or absent witness never blocks ingest or another witness; returned
 * cosignatures are verified, stored ({@code ledger_cosignature}) and served with the checkpoint;
 * the quorum status is a metric and {@code GET /v1/witness/status}.
 */
package org.oversight.ledger.witness;
