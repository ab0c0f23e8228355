package org.oversight.ops.client;

import org.oversight.domain.event.SignedEvent;

/**
 * One leaf as served by {@code GET /v1/entries} or {@code GET /v1/events/{id}}: the parsed event
 * (the ledger's stored bytes, re-parsed and so re-checked here) at its leaf index.
 */
public record LogEntry(long leafIndex, SignedEvent event) {}
