package org.oversight.ledger.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry bean, in every store mode: Axon resolves the {@link StreamAggregate} command
 * handler's parameters when it inspects the aggregate at start, so the bean must exist even where
 * no ingest path uses it (kurrentdb).
 */
@Configuration
public class AggregateConfiguration {
    /** Name of the stream aggregates' cache bean (see {@link StreamAggregate}). */
    public static final String CACHE = "streamAggregateCache";

    @Bean
    LedgerRegistry ledgerRegistry() {
        return new LedgerRegistry();
    }

    /**
     * Axon's event serializer: Jackson, with {@link EventRecorded} stored as the envelope's own
     * bytes ({@link EnvelopeSerializer}). Replaces the one Axon's auto-configuration would build
     * from {@code axon.serializer.events=jackson} (same object mapper and revision resolver).
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper objectMapper, RevisionResolver revisionResolver) {
        return EnvelopeSerializer.of(JacksonSerializer.builder()
                .objectMapper(objectMapper)
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(EnvelopeSerializer.class.getClassLoader())));
    }

    /**
     * No correlation data on messages: replaces Axon's default {@code MessageOriginProvider}, which
     * copies a trace and a correlation id (two random UUIDs) into the metadata of every event the
     * aggregate applies — built, merged and serialised per event on the single writer's path and
     * stored with every event row, read by nothing (the log's order and links are its own: leaf
     * index, stream, seq, prev). The ledger's events carry only {@link EventRecorded}'s entries.
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    /** Stream aggregates kept in memory (each holds one 32-byte hash per event of its stream). */
    static final int CACHED_AGGREGATES = 4096;

    /**
     * Keeps loaded stream aggregates (strongly, least recently used evicted first; see
     * {@link BoundedAggregateCache}) so that a command on a long stream (a camera's detections)
     * does not re-read the whole stream. Safe because all commands run under the single-writer
     * lock and the ingest path empties the cache whenever its transaction rolls back (Axon only
     * evicts on its own unit-of-work rollback, which may have committed inside the outer one).
     */
    @Bean(CACHE)
    Cache streamAggregateCache() {
        return new BoundedAggregateCache(CACHED_AGGREGATES);
    }
}
