package org.oversight.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;

class MatchProposalsTest {
    private static final Ed25519PrivateKey ENGINE = EventFixtures.key(EventFixtures.ENGINE_SEED);
    private static final SignedEvent DETECTION = EventSigner.sign("ev-det-1", 3,
            Optional.of(org.oversight.domain.event.EventHash.ofLeafBytes(new byte[] {7})),
            EventFixtures.time("2026-11-27T09:30:01.250Z"), EventFixtures.faceDetected(),
            EventFixtures.key(EventFixtures.CAMERA_SEED));

    private static MatchProposed decisionOn(SignedEvent detection) {
        MatchProposed s = EventFixtures.matchProposed();
        return new MatchProposed("m-0123456789abcdef", new DetectionRef(detection.eventHash(), 41), s.candidateEntry(),
                s.score(), s.threshold(), new SnapshotRef(EventFixtures.digestOf("snapshot"), 1), s.modelId(),
                s.engineVersion());
    }

    @Test
    void sameDecisionSameBytes() throws Exception {
        MatchProposed d = decisionOn(DETECTION);
        SignedEvent a = MatchProposals.sign(d, DETECTION, ENGINE);
        SignedEvent b = MatchProposals.sign(d, DETECTION, ENGINE);
        assertThat(a.leafBytes()).isEqualTo(b.leafBytes());
        EventVerifier.verify(a, ENGINE.publicKey());
        assertThat(a.header().eventId()).isEqualTo("ev-m-0123456789abcdef");
        assertThat(a.stream().text()).isEqualTo("match/m-0123456789abcdef");
        assertThat(a.seq()).isZero();
        assertThat(a.header().prev()).isEmpty();
        assertThat(a.header().time()).isEqualTo(DETECTION.header().time());
        assertThat(a.payload()).isEqualTo(d);
    }

    @Test
    void refusesADetectionTheDecisionDoesNotName() {
        FaceDetected other = new FaceDetected("cam-9", EventFixtures.faceDetected().captureTime(),
                EventFixtures.digestOf("another frame"), EventFixtures.faceDetected().faceBox(),
                EventFixtures.landmarks(), EventFixtures.digestOf("another crop"), EventFixtures.template(), 500);
        SignedEvent otherDetection = EventFixtures.signed(other, EventFixtures.CAMERA_SEED);
        assertThatThrownBy(() -> MatchProposals.sign(decisionOn(DETECTION), otherDetection, ENGINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DETECTION.eventHash().toString())
                .hasMessageContaining(otherDetection.eventHash().toString());
        SignedEvent notADetection = EventFixtures.signed(EventFixtures.keyEnrolled(), EventFixtures.AUTHORITY_SEED);
        assertThatThrownBy(() -> MatchProposals.sign(decisionOn(DETECTION), notADetection, ENGINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KeyEnrolled");
    }
}
