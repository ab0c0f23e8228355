package org.oversight.ledger.sequencer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * The log (sequencer, ingest, log serving, engine) keeps leaves, Merkle state and checkpoints in
 * PostgreSQL, so it is active whenever the service has a PostgreSQL: the PostgreSQL store types
 * ({@code embedded-postgres}, {@code postgres}), and {@code kurrentdb} with
 * {@code spring.datasource.url} set (aggregate events in KurrentDB, mirrored from the committed
 * leaves: {@code org.oversight.ledger.kurrentlog}, docs/storage.md "The log on KurrentDB"). Only
 * {@code kurrentdb} without a DataSource has no log.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnExpression("'${oversight.store.type:embedded-postgres}' != 'kurrentdb'"
        + " or '${spring.datasource.url:}' != ''")
public @interface ConditionalOnPostgresLog {}
