package org.oversight.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;

/** The five chain verdicts, on a detections stream built with real signed events. */
class StreamChainTest {
    private static final Ed25519PrivateKey CAMERA = EventFixtures.key(EventFixtures.CAMERA_SEED);
    private static final StreamId STREAM = StreamId.detections("cam-0042");

    private final StreamChains chains = new StreamChains();
    private final List<EventHash> stored = new ArrayList<>();
    private final RecordedHashes recorded = (stream, seq) ->
            stream.equals(STREAM) && seq < stored.size() ? Optional.of(stored.get((int) seq)) : Optional.empty();

    private static SignedEvent detection(long seq, Optional<EventHash> prev, String frame) {
        FaceDetected base = EventFixtures.faceDetected();
        FaceDetected p = new FaceDetected(base.camera(), base.captureTime(), EventFixtures.digestOf(frame),
                base.faceBox(), base.landmarks(), base.alignedCropDigest(), base.template(), base.quality());
        return EventSigner.sign("det-" + seq + "-" + frame, seq, prev, Timestamp.ofEpochMillis(1_790_000_000_000L + seq),
                p, CAMERA);
    }

    private SignedEvent append(String frame) {
        StreamHead head = chains.head(STREAM);
        SignedEvent e = detection(head.nextSeq(), head.last(), frame);
        ChainVerdict v = chains.check(e, recorded);
        assertThat(v).isInstanceOf(ChainVerdict.Ok.class);
        chains.append((ChainVerdict.Ok) v);
        stored.add(e.eventHash());
        return e;
    }

    private final List<SignedEvent> events = new ArrayList<>();

    @BeforeEach
    void threeEvents() {
        events.add(append("f0"));
        events.add(append("f1"));
        events.add(append("f2"));
    }

    @Test
    void okAdvancesTheHead() {
        StreamHead head = chains.head(STREAM);
        assertThat(head.nextSeq()).isEqualTo(3);
        assertThat(head.last()).contains(events.get(2).eventHash());
        SignedEvent next = detection(3, head.last(), "f3");
        ChainVerdict v = chains.check(next, recorded);
        assertThat(v).isEqualTo(new ChainVerdict.Ok(STREAM, 3, new StreamHead(4, Optional.of(next.eventHash()))));
        assertThat(v.isOk()).isTrue();
    }

    @Test
    void firstEventOfAnEmptyStreamIsOk() {
        SignedEvent first = detection(0, Optional.empty(), "x");
        assertThat(StreamChain.check(StreamHead.EMPTY, first, recorded)).isInstanceOf(ChainVerdict.Ok.class);
    }

    @Test
    void sameEventAgainIsReplayAtAnyRecordedSeq() {
        for (int seq = 0; seq < 3; seq++) {
            ChainVerdict v = chains.check(events.get(seq), recorded);
            assertThat(v).isEqualTo(new ChainVerdict.Replay(STREAM, seq, events.get(seq).eventHash()));
            assertThat(v.isOk()).isFalse();
        }
        assertThat(chains.head(STREAM).nextSeq()).isEqualTo(3);
    }

    @Test
    void differentEventAtRecordedSeqIsFork() {
        SignedEvent other0 = detection(0, Optional.empty(), "other");
        assertThat(chains.check(other0, recorded))
                .isEqualTo(new ChainVerdict.Fork(STREAM, 0, events.get(0).eventHash(), other0.eventHash()));
        // Same seq and prev as the last event, different content: also a fork (checked against the head).
        SignedEvent other2 = detection(2, Optional.of(events.get(1).eventHash()), "other");
        assertThat(chains.check(other2, recorded))
                .isEqualTo(new ChainVerdict.Fork(STREAM, 2, events.get(2).eventHash(), other2.eventHash()));
    }

    @Test
    void seqBeyondNextIsGap() {
        SignedEvent far = detection(5, Optional.of(events.get(2).eventHash()), "f5");
        assertThat(chains.check(far, recorded)).isEqualTo(new ChainVerdict.Gap(STREAM, 5, 3));
    }

    @Test
    void nextSeqWithWrongPrevIsWrongPrev() {
        Optional<EventHash> stale = Optional.of(events.get(1).eventHash());
        SignedEvent e = detection(3, stale, "f3");
        assertThat(chains.check(e, recorded))
                .isEqualTo(new ChainVerdict.WrongPrev(STREAM, 3, Optional.of(events.get(2).eventHash()), stale));
    }

    @Test
    void staleOkCannotBeAppendedTwice() {
        StreamHead head = chains.head(STREAM);
        ChainVerdict.Ok ok = (ChainVerdict.Ok) chains.check(detection(3, head.last(), "a"), recorded);
        chains.append(ok);
        assertThatThrownBy(() -> chains.append(ok)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seq 3 != nextSeq 4");
    }

    @Test
    void missingRecordedHashIsABrokenInvariant() {
        assertThatThrownBy(() -> StreamChain.check(chains.head(STREAM), events.get(0), (s, q) -> Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no recorded hash");
    }

    @Test
    void headInvariants() {
        assertThatThrownBy(() -> new StreamHead(0, Optional.of(events.get(0).eventHash())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamHead(1, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(chains.streamCount()).isEqualTo(1);
        assertThat(chains.head(StreamId.camera("cam-0042"))).isEqualTo(StreamHead.EMPTY);
    }
}
