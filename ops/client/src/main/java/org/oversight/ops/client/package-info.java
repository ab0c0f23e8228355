/**
 * A Java client of the ledger's HTTP API for emitters and tools: stream writers that keep each
 * hash chain's head and sign events, and typed answers (receipts, entries, keys, RFC 9457
 * problems). Spec: docs/ledger.md §3, docs/format.md §5.2.
 */
package org.oversight.ops.client;
