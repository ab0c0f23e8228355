package org.oversight.ledger.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's event serializer for the ledger: Jackson for everything except {@link EventRecorded},
 * whose serialized form is the envelope's canonical JSON bytes themselves, under the revision
 * {@value #ENVELOPE_REVISION}.
 *
 * <p>Why: the envelope is already JSON. Wrapped as a string field ({@code {"envelope":"..."}})
 * Jackson must escape every quote of it on the single writer's path — a third of the writer's CPU
 * at batch ingest — and the stored row grows by the escapes. Stored as is, the row is the signed
 * envelope byte for byte (also for KurrentDB, whose record data is then the envelope).
 *
 * <p>Rows written before this format (revision {@code null}, the Jackson wrapper) are still read
 * by the Jackson path, so an existing data directory keeps working.
 */
public final class EnvelopeSerializer extends JacksonSerializer {
    /** Revision marking an {@link EventRecorded} stored as the raw envelope bytes. */
    public static final String ENVELOPE_REVISION = "envelope-bytes-1";

    private static final SerializedType ENVELOPE_TYPE =
            new SimpleSerializedType(EventRecorded.class.getName(), ENVELOPE_REVISION);

    private EnvelopeSerializer(Builder builder) {
        super(builder);
    }

    /**
     * @param jackson a builder configured as the Jackson event serializer would be otherwise
     *     (object mapper, revision resolver, converter)
     */
    public static EnvelopeSerializer of(JacksonSerializer.Builder jackson) {
        return new EnvelopeSerializer(Objects.requireNonNull(jackson, "jackson"));
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof EventRecorded recorded) {
            byte[] envelope = recorded.envelope().getBytes(StandardCharsets.UTF_8);
            return new SimpleSerializedObject<>(getConverter().convert(envelope, expectedRepresentation),
                    expectedRepresentation, ENVELOPE_TYPE);
        }
        return super.serialize(object, expectedRepresentation);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (ENVELOPE_TYPE.equals(serializedObject.getType())) {
            SerializedObject<byte[]> bytes = getConverter().convert(serializedObject, byte[].class);
            return (T) new EventRecorded(new String(bytes.getData(), StandardCharsets.UTF_8));
        }
        return super.deserialize(serializedObject);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return EventRecorded.class.equals(type) ? ENVELOPE_TYPE : super.typeForClass(type);
    }
}
