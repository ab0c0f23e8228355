/**
 * Axon's JDBC event storage engine and token store on PostgreSQL ({@code bytea} payloads, no large
 * objects). Spec: docs/storage.md "JDBC engine".
 */
package org.oversight.ledger.storage.jdbc;
