package org.oversight.ledger.sequencer;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the leaf bytes live when {@code ledger_leaf} does not hold them: the Axon event table of
 * the same database, which stores each accepted envelope byte for byte as the payload of the
 * stream aggregate's event, in the same transaction as the leaf row. The leaf at stream
 * {@code s}, seq {@code n} is the payload of the row with aggregate id {@code s} and sequence
 * number {@code n} (one aggregate per stream, one event per envelope, so they coincide).
 *
 * @param table the event table, e.g. {@code DomainEventEntry}
 * @param aggregateColumn its aggregate id column
 * @param sequenceColumn its sequence number column
 * @param payloadColumn its payload column (bytea)
 * @param revisionColumn its payload revision column
 * @param revision the payload revision of rows whose payload is the raw envelope
 */
public record EnvelopeTable(String table, String aggregateColumn, String sequenceColumn, String payloadColumn,
        String revisionColumn, String revision) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public EnvelopeTable {
        for (String name : new String[] {table, aggregateColumn, sequenceColumn, payloadColumn, revisionColumn}) {
            // Spliced into SQL: plain identifiers only.
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("not a plain SQL identifier: " + name);
            }
        }
        Objects.requireNonNull(revision, "revision");
    }
}
