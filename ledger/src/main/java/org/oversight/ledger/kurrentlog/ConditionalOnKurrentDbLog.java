package org.oversight.ledger.kurrentlog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * Active for {@code oversight.store.type=kurrentdb} with {@code spring.datasource.url} set: the log
 * (leaves, Merkle state, checkpoints) in PostgreSQL, the aggregate streams in KurrentDB, mirrored
 * from the committed leaves by {@link KurrentDbLogMirror}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnExpression("'${oversight.store.type:embedded-postgres}' == 'kurrentdb'"
        + " and '${spring.datasource.url:}' != ''")
public @interface ConditionalOnKurrentDbLog {}
