package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class EnvelopeSerializerTest {
    private static final String ENVELOPE = "{\"header\":{\"q\":\"a \\\"quoted\\\" é\"},\"seq\":0}";
    private final EnvelopeSerializer serializer = EnvelopeSerializer.of(JacksonSerializer.builder());

    @Test
    void storesAnEventRecordedAsTheEnvelopeBytesThemselves() {
        SerializedObject<byte[]> stored = serializer.serialize(new EventRecorded(ENVELOPE), byte[].class);

        assertThat(stored.getData()).isEqualTo(ENVELOPE.getBytes(StandardCharsets.UTF_8));
        assertThat(stored.getType().getName()).isEqualTo(EventRecorded.class.getName());
        assertThat(stored.getType().getRevision()).isEqualTo(EnvelopeSerializer.ENVELOPE_REVISION);
        assertThat(serializer.typeForClass(EventRecorded.class)).isEqualTo(stored.getType());
        assertThat(serializer.<byte[], EventRecorded>deserialize(stored)).isEqualTo(new EventRecorded(ENVELOPE));
    }

    @Test
    void roundTripsThroughOtherRepresentations() {
        SerializedObject<String> stored = serializer.serialize(new EventRecorded(ENVELOPE), String.class);

        assertThat(stored.getData()).isEqualTo(ENVELOPE);
        assertThat(serializer.<String, EventRecorded>deserialize(stored)).isEqualTo(new EventRecorded(ENVELOPE));
    }

    @Test
    void stillReadsTheJacksonWrapperOfEarlierRows() {
        SerializedObject<byte[]> old = JacksonSerializer.defaultSerializer().serialize(new EventRecorded(ENVELOPE),
                byte[].class);
        assertThat(old.getType().getRevision()).isNull();

        SerializedObject<byte[]> asStored = new SimpleSerializedObject<>(old.getData(), byte[].class,
                new SimpleSerializedType(EventRecorded.class.getName(), null));
        assertThat(serializer.<byte[], EventRecorded>deserialize(asStored)).isEqualTo(new EventRecorded(ENVELOPE));
    }

    @Test
    void leavesEverythingElseToJackson() {
        MetaData metaData = MetaData.with(EventRecorded.LEAF_INDEX, 7L).and(EventRecorded.EVENT_TYPE, "FaceDetected");
        SerializedObject<byte[]> stored = serializer.serialize(metaData, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).contains("\"leafIndex\":7");
        assertThat(serializer.<byte[], MetaData>deserialize(stored))
                .containsAllEntriesOf(Map.of(EventRecorded.EVENT_TYPE, "FaceDetected"));
    }
}
