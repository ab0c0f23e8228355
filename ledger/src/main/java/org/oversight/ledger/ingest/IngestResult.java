package org.oversight.ledger.ingest;

/**
 * The outcome for one accepted event.
 *
 * @param eventId the envelope's event id
 * @param eventHash the RFC 9162 leaf hash of its canonical bytes, hex
 * @param leafIndex its position in the log
 * @param duplicate true if it had been accepted before (nothing new was stored)
 */
public record IngestResult(String eventId, String eventHash, long leafIndex, boolean duplicate) {}
