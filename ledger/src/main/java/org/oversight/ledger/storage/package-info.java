/**
 * Choosing and configuring the event storage engine ({@code oversight.store.type}: embedded
 * PostgreSQL, external PostgreSQL, KurrentDB), with the health of each. Spec: docs/storage.md.
 */
package org.oversight.ledger.storage;
