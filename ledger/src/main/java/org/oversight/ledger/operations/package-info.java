/**
 * Running the ledger: structured JSON logs as an option ({@link JsonLogs}) and the checkpoint
 * metrics ({@link CheckpointMetrics}); docs/ledger.md §6 "Operations".
 */
package org.oversight.ledger.operations;
