package org.oversight.ledger.storage;

/** Value of {@code oversight.store.type}. */
public enum StoreType {
    /** PostgreSQL started by the application in {@code oversight.data-dir} (default). */
    EMBEDDED_POSTGRES,
    /** External PostgreSQL configured by {@code spring.datasource.*}. */
    POSTGRES,
    /** KurrentDB/EventStoreDB at {@code oversight.store.kurrentdb.connection-string}. */
    KURRENTDB
}
