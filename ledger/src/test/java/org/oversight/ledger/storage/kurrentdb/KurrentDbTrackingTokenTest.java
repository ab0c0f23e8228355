package org.oversight.ledger.storage.kurrentdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KurrentDbTrackingTokenTest {

    private final KurrentDbTrackingToken early = new KurrentDbTrackingToken(100, 100);
    private final KurrentDbTrackingToken late = new KurrentDbTrackingToken(260, 250);

    @Test
    void ordersByCommitThenPreparePosition() {
        assertThat(late.covers(early)).isTrue();
        assertThat(early.covers(late)).isFalse();
        assertThat(early.covers(null)).isTrue();
        assertThat(early.covers(early)).isTrue();
        assertThat(new KurrentDbTrackingToken(100, 101).covers(early)).isTrue();
        assertThat(early.lowerBound(late)).isSameAs(early);
        assertThat(early.upperBound(late)).isSameAs(late);
        assertThat(late.position()).hasValue(260);
    }

    @Test
    void survivesTheTokenStoreSerializer() {
        Serializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        SerializedObject<byte[]> bytes = serializer.serialize(late, byte[].class);
        TrackingToken back = serializer.deserialize(bytes);
        assertThat(back).isEqualTo(late);
    }

    @Test
    void rejectsPositionsBeyondSignedRange() {
        assertThatThrownBy(() -> new KurrentDbTrackingToken(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("position (18446744073709551615, 0) beyond 9223372036854775807");
    }
}
