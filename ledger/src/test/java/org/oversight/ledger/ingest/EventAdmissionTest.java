package org.oversight.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.ledger.sequencer.MutableClock;
import org.oversight.ledger.web.ProblemType;

/** The stateless admission before sequencing: clear detections and clocks running ahead (injected clock). */
class EventAdmissionTest {
    private static final long NOW = EventFixtures.time("2026-11-27T09:30:00.000Z").epochMillis();

    private static SignedEvent at(EventPayload payload, long millis) {
        return EventSigner.sign("ev-" + payload.type().wireName(), 0, Optional.empty(),
                org.oversight.domain.event.Timestamp.ofEpochMillis(millis), payload, EventFixtures.key(3));
    }

    private static Rejection refusal(EventAdmission admission, List<SignedEvent> events) {
        try {
            admission.check(events);
            return null;
        } catch (EventRejectedException e) {
            return e.type();
        }
    }

    @Test
    void aClearDetectionIsRefusedByDefaultAndASealedOneIsNot() {
        EventAdmission admission = new EventAdmission(IngestPolicy.defaults(), new MutableClock(NOW));
        SignedEvent clear = at(EventFixtures.faceDetected(), NOW);
        assertThatThrownBy(() -> admission.check(List.of(clear))).isInstanceOf(EventRejectedException.class)
                .hasMessageContaining("schema-1 FaceDetected").hasMessageContaining("accept-clear-detections");
        assertThat(refusal(admission, List.of(clear))).isEqualTo(Rejection.SEALING_REQUIRED);
        assertThat(ProblemType.of(Rejection.SEALING_REQUIRED).uri().toString())
                .isEqualTo("urn:oversight:problem:sealing-required");
        assertThatCode(() -> admission.check(List.of(at(EventFixtures.sealedFaceDetected(), NOW))))
                .doesNotThrowAnyException();
    }

    @Test
    void clearDetectionsAreAcceptedWhenTheSettingSaysSo() {
        EventAdmission admission = new EventAdmission(new IngestPolicy(true, null), new MutableClock(NOW));
        assertThatCode(() -> admission.check(List.of(at(EventFixtures.faceDetected(), NOW))))
                .doesNotThrowAnyException();
        assertThatCode(() -> admission.check(List.of(at(EventFixtures.watchlistEntryAuthorized(), NOW))))
                .doesNotThrowAnyException();
    }

    @Test
    void aClearWatchlistEntryIsRefusedByDefaultNamingItsIndex() {
        EventAdmission admission = new EventAdmission(IngestPolicy.defaults(), new MutableClock(NOW));
        SignedEvent clear = at(EventFixtures.watchlistEntryAuthorized(), NOW);
        assertThatThrownBy(() -> admission.check(List.of(at(EventFixtures.keyEnrolled(), NOW), clear)))
                .isInstanceOf(EventRejectedException.class)
                .hasMessageStartingWith("events[1] payload: a schema-1 WatchlistEntryAuthorized")
                .hasMessageContaining("accept-clear-detections");
        assertThat(refusal(admission, List.of(clear))).isEqualTo(Rejection.SEALING_REQUIRED);
    }

    @Test
    void anEventAheadOfTheClockByMoreThanTheToleranceIsRefusedNamingItsIndex() {
        MutableClock clock = new MutableClock(NOW);
        EventAdmission admission = new EventAdmission(new IngestPolicy(null, Duration.ofSeconds(2)), clock);
        SignedEvent onTheEdge = at(EventFixtures.keyEnrolled(), NOW + 2000);
        SignedEvent ahead = at(EventFixtures.keyEnrolled(), NOW + 2001);
        assertThatCode(() -> admission.check(List.of(onTheEdge))).doesNotThrowAnyException();
        assertThatThrownBy(() -> admission.check(List.of(onTheEdge, ahead))).isInstanceOf(EventRejectedException.class)
                .hasMessageStartingWith("events[1] header.time: 2026-11-27T09:30:02.001Z is 2001 ms ahead")
                .hasMessageContaining("oversight.ingest.max-clock-ahead");
        assertThat(refusal(admission, List.of(ahead))).isEqualTo(Rejection.TIME_AHEAD);
        clock.advance(1);
        assertThatCode(() -> admission.check(List.of(ahead))).doesNotThrowAnyException();
        // The past is not bounded here: late reports are R11's business (trusted time).
        assertThatCode(() -> admission.check(List.of(at(EventFixtures.keyEnrolled(), NOW - 86_400_000L))))
                .doesNotThrowAnyException();
    }

    @Test
    void aNegativeToleranceIsRefused() {
        assertThatThrownBy(() -> new IngestPolicy(null, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-clock-ahead");
    }
}
