package org.oversight.ops.client;

/**
 * The ledger's answer for one accepted event.
 *
 * @param eventId the event's id
 * @param eventHash its event hash (64 hex digits)
 * @param leafIndex its leaf index in the log
 */
public record Receipt(String eventId, String eventHash, long leafIndex) {}
