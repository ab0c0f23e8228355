package org.oversight.ledger.sequencer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * The sequencer keeps leaves and Merkle state in PostgreSQL, in the same transaction as the Axon
 * events; so the log (sequencer, ingest, log serving) is active only for the PostgreSQL store types
 * ({@code embedded-postgres}, {@code postgres}), not for {@code kurrentdb} (see docs/ledger.md).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnExpression("'${oversight.store.type:embedded-postgres}' != 'kurrentdb'")
public @interface ConditionalOnPostgresLog {}
