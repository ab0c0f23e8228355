/**
 * The vault: where sealed biometric records live outside the log (docs/ledger.md §12,
 * docs/format.md §12). It stores sealed blobs by digest and enrolment records by entry
 * ({@code VaultStore}, PostgreSQL by default, one conformance suite), refuses at ingest a sealed
 * detection whose blob it does not hold ({@code VaultAdmission}), opens records for the engine with
 * the epoch or case key ({@code VaultRecords}), and hands records out only against a signed
 * {@code RecordDisclosed} on the log ({@code DisclosureController}). It never decides what a rule
 * allows from its own tables: erased, kept and destroyed are read from the log.
 */
package org.oversight.ledger.vault;
