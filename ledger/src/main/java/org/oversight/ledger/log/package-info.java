/**
 * Serving the log: C2SP tlog-tiles and the latest checkpoint (public), proofs, entries, the log
 * export and court evidence bundles (authenticated), the checkpoint archive, and the record of
 * every biometric read. Spec: docs/format.md §7, §8, §10, §11; docs/ledger.md §3.
 */
package org.oversight.ledger.log;
