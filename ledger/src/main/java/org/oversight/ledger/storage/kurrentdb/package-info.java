/**
 * Axon's event storage engine on KurrentDB (EventStoreDB) through the official Java client: one
 * stream per aggregate, expected revisions, {@code $all} tracking positions. It passes the same
 * storage conformance suite as the JDBC engine. Spec: docs/storage.md "KurrentDB engine".
 */
package org.oversight.ledger.storage.kurrentdb;
