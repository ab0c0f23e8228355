package org.oversight.ledger.storage.kurrentdb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.EventDataBuilder;
import io.kurrent.dbclient.RecordedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Maps an Axon domain event to a KurrentDB record and back.
 *
 * <p>Record layout: event type = Axon payload type name; data = payload serialised by Axon's
 * serializer; user metadata = the JSON {@link Envelope} carrying the Axon fields KurrentDB has no
 * place for (Axon event id, aggregate type/id, sequence number, Axon timestamp, payload type and
 * revision, and the Axon-serialised metadata in base64). The stream revision equals the Axon
 * sequence number. Timestamps are kept to the millisecond, as Axon's JDBC engine keeps them.
 *
 * <p>The KurrentDB event id is a fresh random UUID per append attempt, NOT the Axon id: the server
 * treats a re-sent batch with known event ids as an idempotent success, which would hide the
 * duplicate from the caller; with fresh ids every re-send meets the expected-revision check and
 * fails with a concurrency conflict, exactly like the JDBC engine's unique constraints.
 */
final class AxonRecordCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AxonRecordCodec() {
    }

    @JsonPropertyOrder({"eventId", "aggregateType", "aggregateId", "sequence", "timestamp",
            "payloadType", "payloadRevision", "metaData"})
    record Envelope(@JsonProperty("eventId") String eventId,
                    @JsonProperty("aggregateType") String aggregateType,
                    @JsonProperty("aggregateId") String aggregateId,
                    @JsonProperty("sequence") long sequence,
                    @JsonProperty("timestamp") String timestamp,
                    @JsonProperty("payloadType") String payloadType,
                    @JsonProperty("payloadRevision") String payloadRevision,
                    @JsonProperty("metaData") String metaDataBase64) {
        @JsonCreator
        Envelope {
        }
    }

    static EventData encode(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        Envelope envelope = new Envelope(event.getIdentifier(), event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getTimestamp().truncatedTo(ChronoUnit.MILLIS).toString(), payload.getType().getName(),
                payload.getType().getRevision(), Base64.getEncoder().encodeToString(metaData.getData()));
        byte[] envelopeJson;
        try {
            envelopeJson = JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode envelope of event " + event.getIdentifier(), e);
        }
        boolean isJson = serializer instanceof JacksonSerializer;
        return EventDataBuilder.binary(UUID.randomUUID(), payload.getType().getName(), payload.getData(), isJson)
                .metadataAsBytes(envelopeJson)
                .build();
    }

    /**
     * Decodes a record written by {@link #encode}.
     *
     * @throws IllegalStateException if the record's envelope is missing or malformed (the stream
     *     was written by something else than this engine: a broken invariant)
     * @param revisionIsSequence true for aggregate streams, whose revision must equal the sequence
     */
    static GenericDomainEventEntry<byte[]> decode(RecordedEvent record, boolean revisionIsSequence) {
        Envelope envelope;
        try {
            envelope = JSON.readValue(record.getUserMetadata(), Envelope.class);
        } catch (IOException e) {
            throw new IllegalStateException("record " + record.getStreamId() + "@" + record.getRevision()
                    + " has no Oversight envelope", e);
        }
        if (revisionIsSequence && envelope.sequence() != record.getRevision()) {
            throw new IllegalStateException("record " + record.getStreamId() + "@" + record.getRevision()
                    + " claims sequence " + envelope.sequence());
        }
        return new GenericDomainEventEntry<>(envelope.aggregateType(), envelope.aggregateId(), envelope.sequence(),
                envelope.eventId(), envelope.timestamp(), envelope.payloadType(), envelope.payloadRevision(),
                record.getEventData(), Base64.getDecoder().decode(envelope.metaDataBase64()));
    }
}
