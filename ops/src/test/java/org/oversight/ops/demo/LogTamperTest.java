package org.oversight.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;

/**
 * The rewritten logs of the demo's tamper cases: each variant changes exactly what it says, and
 * every event it writes is validly signed by the engine key (what the audit then catches is
 * DemoScenario's job to show end to end, and SealedRecordsAuditTest's in the verifier).
 */
class LogTamperTest {
    private static final Ed25519PrivateKey ENGINE = EventFixtures.key(EventFixtures.ENGINE_SEED);
    private static final ErasureEpochOpened OPENED = EventFixtures.erasureEpochOpened();

    private static SignedEvent sign(String id, EventPayload p, int seed) {
        long seq = switch (p.type().placement()) {
            case FIRST, ANY -> 0;
            case LATER, SECOND -> 1;
            case AFTER_SECOND, THIRD -> 2;
        };
        Optional<org.oversight.domain.event.EventHash> prev = seq == 0 ? Optional.empty()
                : Optional.of(org.oversight.domain.event.EventHash.ofLeafBytes(EventFixtures.counting(1)));
        return EventSigner.sign(id, seq, prev, EventFixtures.time("2026-11-27T09:40:00.000Z"), p,
                EventFixtures.key(seed));
    }

    /** Opened at 0, detections at 1 and 2, a match on 1 at 3, the close at 4 keeping 1 and erasing 2. */
    private static List<SignedEvent> honest() {
        List<SignedEvent> log = new ArrayList<>();
        log.add(sign("open", OPENED, EventFixtures.AUTHORITY_SEED));
        SealedFaceDetected d = EventFixtures.sealedFaceDetected();
        log.add(sign("d1", d, EventFixtures.CAMERA_SEED));
        log.add(sign("d2", new SealedFaceDetected(d.camera(), d.captureTime(), EventFixtures.digestOf("frame 2"),
                d.faceBox(), d.modelId(), d.templateFormat(), d.quality(), d.sealed()), EventFixtures.CAMERA_SEED));
        MatchProposed m = EventFixtures.matchProposed();
        log.add(sign("m1", new MatchProposed(m.match(), ref(log, 1), m.candidateEntry(), m.score(), m.threshold(),
                m.watchlistSnapshot(), m.modelId(), m.engineVersion()), EventFixtures.ENGINE_SEED));
        log.add(sign("close", new ErasureEpochClosed(OPENED.epoch(), List.of(new KeptRecord("INC-1", ref(log, 1),
                KeepReason.MATCH, EventFixtures.time("2026-12-27T10:00:00.000Z"))), 1), EventFixtures.ENGINE_SEED));
        return log;
    }

    private static DetectionRef ref(List<SignedEvent> log, int leaf) {
        return new DetectionRef(log.get(leaf).eventHash(), leaf);
    }

    private static void signedByTheEngine(SignedEvent e) throws Exception {
        EventVerifier.verify(e, ENGINE.publicKey());
    }

    @Test
    void useAfterErasureAppendsAMatchOnTheErasedDetectionSignedByTheEngine() throws Exception {
        List<SignedEvent> log = honest();
        List<SignedEvent> t = LogTamper.useAfterErasure(log, ENGINE);
        assertThat(t).hasSize(6).startsWith(log.toArray(SignedEvent[]::new));
        MatchProposed forged = (MatchProposed) t.get(5).payload();
        assertThat(forged.detection()).isEqualTo(ref(log, 2));
        assertThat(forged.candidateEntry()).isEqualTo(((MatchProposed) log.get(3).payload()).candidateEntry());
        signedByTheEngine(t.get(5));
    }

    @Test
    void lateErasureRetimesOnlyTheCloseAtItsEraseBy() throws Exception {
        List<SignedEvent> log = honest();
        List<SignedEvent> t = LogTamper.lateErasure(log, ENGINE);
        assertThat(t.subList(0, 4)).isEqualTo(log.subList(0, 4));
        assertThat(t.get(4).header().time()).isEqualTo(OPENED.eraseBy());
        assertThat(t.get(4).payload()).isEqualTo(log.get(4).payload());
        assertThat(t.get(4).header().eventId()).isEqualTo("close");
        signedByTheEngine(t.get(4));
    }

    @Test
    void keptWithoutReasonKeepsTheErasedDetectionTooAndStillAddsUp() throws Exception {
        List<SignedEvent> log = honest();
        List<SignedEvent> t = LogTamper.keptWithoutReason(log, ENGINE);
        ErasureEpochClosed c = (ErasureEpochClosed) t.get(4).payload();
        assertThat(c.keptDetections()).containsExactly(ref(log, 1), ref(log, 2));
        assertThat(c.kept().get(1).reason()).isEqualTo(KeepReason.MATCH);
        assertThat(c.kept().get(1).retainUntil()).isEqualTo(c.kept().get(0).retainUntil());
        assertThat(c.erased()).isZero();
        assertThat(t.get(4).header().time()).isEqualTo(log.get(4).header().time());
        signedByTheEngine(t.get(4));
    }

    @Test
    void aLogWithoutACloseOrWithoutAnErasedDetectionOrAMatchHasNothingToTamper() {
        List<SignedEvent> log = honest();
        assertThatThrownBy(() -> LogTamper.lateErasure(log.subList(0, 4), ENGINE))
                .isInstanceOf(LogTamper.NothingToTamperException.class).hasMessageContaining("no ErasureEpochClosed");
        List<SignedEvent> keptAll = new ArrayList<>(log.subList(0, 4));
        keptAll.add(sign("close", new ErasureEpochClosed(OPENED.epoch(), List.of(
                new KeptRecord("INC-1", ref(log, 1), KeepReason.MATCH, EventFixtures.time("2026-12-27T10:00:00.000Z")),
                new KeptRecord("INC-1", ref(log, 2), KeepReason.MATCH, EventFixtures.time("2026-12-27T10:00:00.000Z"))),
                0), EventFixtures.ENGINE_SEED));
        assertThatThrownBy(() -> LogTamper.keptWithoutReason(keptAll, ENGINE))
                .isInstanceOf(LogTamper.NothingToTamperException.class).hasMessageContaining("erased no detection");
        List<SignedEvent> noMatch = new ArrayList<>(log);
        noMatch.remove(3);
        assertThatThrownBy(() -> LogTamper.useAfterErasure(noMatch, ENGINE))
                .isInstanceOf(LogTamper.NothingToTamperException.class).hasMessageContaining("no MatchProposed");
    }

    @Test
    void theRestOfTheClosesStreamIsReSignedOnTheNewClose() throws Exception {
        List<SignedEvent> log = new ArrayList<>(honest());
        log.add(sign("destroy", new KeptRecordsDestroyed(OPENED.epoch(), List.of(ref(log, 1)), "case closed"),
                EventFixtures.ENGINE_SEED));
        List<SignedEvent> t = LogTamper.lateErasure(log, ENGINE);
        assertThat(t.get(4).header().time()).isEqualTo(OPENED.eraseBy());
        assertThat(t.get(5).payload()).isEqualTo(log.get(5).payload());
        assertThat(t.get(5).header().time()).isEqualTo(log.get(5).header().time());
        assertThat(t.get(5).header().prev()).contains(t.get(4).eventHash());
        signedByTheEngine(t.get(5));
    }

    @Test
    void aCloseFollowedInItsStreamByAnotherSignerOrSignedByAnotherKeyIsNotRewritten() {
        List<SignedEvent> log = new ArrayList<>(honest());
        log.add(sign("destroy", new KeptRecordsDestroyed(OPENED.epoch(), List.of(ref(log, 1)), "case closed"),
                EventFixtures.AUTHORITY_SEED));
        assertThatThrownBy(() -> LogTamper.lateErasure(log, ENGINE))
                .isInstanceOf(LogTamper.NothingToTamperException.class).hasMessageContaining("followed in its stream");
        assertThatThrownBy(() -> LogTamper.lateErasure(honest(), EventFixtures.key(EventFixtures.AUTHORITY_SEED)))
                .isInstanceOf(LogTamper.NothingToTamperException.class).hasMessageContaining("not by the engine key");
    }
}
