/**
 * The embedded PostgreSQL server the ledger starts by default from binaries shipped in Maven jars,
 * with its data directory kept across restarts. Spec: docs/storage.md "Embedded PostgreSQL".
 */
package org.oversight.ledger.storage.postgres;
