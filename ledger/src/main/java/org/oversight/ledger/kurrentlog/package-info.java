/**
 * The log on KurrentDB: PostgreSQL keeps the leaves, Merkle state and checkpoints (the commit
 * point), and the aggregates' KurrentDB streams are mirrored from committed leaves only, with
 * expected revisions, so they are always a prefix of the log. Spec: docs/storage.md "The log on
 * KurrentDB".
 */
package org.oversight.ledger.kurrentlog;
