package org.oversight.ops.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.oversight.domain.chain.ChainVerdict;
import org.oversight.domain.chain.RecordedHashes;
import org.oversight.domain.chain.StreamChain;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Verdict;
import org.junit.jupiter.api.Test;

class StreamWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00.123Z"), ZoneOffset.UTC);

    private static Principal principal(String name, int seedByte) throws Exception {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        return Principal.of(name, Ed25519PrivateKey.fromSeed(seed));
    }

    private static CameraRegistered registration(String camera, Principal device) {
        CameraRegistered s = EventFixtures.cameraRegistered();
        return new CameraRegistered(camera, s.location(), s.purpose(), s.legalBasis(), device.publicKey());
    }

    @Test
    void chainsSeqAndPrevAndSignsWithTheSignerAtTheClockTime() throws Exception {
        Principal officer = principal("officer-1", 1);
        Principal device = principal("cam-1", 2);
        StreamWriter w = StreamWriter.open(StreamId.camera("cam-1"), CLOCK);

        SignedEvent first = w.next(registration("cam-1", device), officer);
        SignedEvent second = w.next(new CameraDecommissioned("cam-1", "deployment ended"), officer);

        assertThat(first.seq()).isZero();
        assertThat(first.header().prev()).isEmpty();
        assertThat(second.seq()).isEqualTo(1);
        assertThat(second.header().prev()).contains(first.eventHash());
        assertThat(w.nextSeq()).isEqualTo(2);
        assertThat(w.last()).contains(second.eventHash());
        assertThat(first.header().eventId()).isEqualTo("camera-cam-1-0");
        assertThat(second.header().time().text()).isEqualTo("2026-11-27T10:00:00.123Z");
        assertThat(second.header().signer()).isEqualTo(officer.keyId());
        // The domain's chain rule accepts exactly this sequence.
        RecordedHashes none = (stream, seq) -> Optional.empty();
        assertThat(StreamChain.check(StreamHead.EMPTY, first, none)).isInstanceOf(ChainVerdict.Ok.class);
        assertThat(StreamChain.check(StreamHead.EMPTY.advance(first.eventHash()), second, none))
                .isInstanceOf(ChainVerdict.Ok.class);
    }

    @Test
    void continuesAfterEventsAppendedBySomeoneElse() throws Exception {
        Principal officer = principal("officer-1", 1);
        Principal device = principal("cam-1", 2);
        Principal other = principal("officer-2", 3);
        StreamWriter mine = StreamWriter.open(StreamId.camera("cam-1"), CLOCK);
        SignedEvent theirs = StreamWriter.open(StreamId.camera("cam-1"), CLOCK).next(registration("cam-1", device), other);

        mine.observe(theirs);
        SignedEvent next = mine.next(new CameraDecommissioned("cam-1", "moved"), officer);

        assertThat(next.seq()).isEqualTo(1);
        assertThat(next.header().prev()).contains(theirs.eventHash());
        assertThat(StreamWriter.after(theirs, CLOCK).nextSeq()).isEqualTo(1);
    }

    @Test
    void rejectsOutOfOrderForeignAndOtherStreamEvents() throws Exception {
        Principal officer = principal("officer-1", 1);
        Principal device = principal("cam-1", 2);
        StreamWriter source = StreamWriter.open(StreamId.camera("cam-1"), CLOCK);
        SignedEvent e0 = source.next(registration("cam-1", device), officer);
        SignedEvent e1 = source.next(new CameraDecommissioned("cam-1", "moved"), officer);

        StreamWriter w = StreamWriter.open(StreamId.camera("cam-1"), CLOCK);
        assertThatThrownBy(() -> w.observe(e1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq 1 != next seq 0");
        assertThatThrownBy(() -> w.next(new MatchReviewed("m-1", Verdict.CONFIRM, "same"), officer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload stream match/m-1 != writer stream camera/cam-1");
        StreamWriter other = StreamWriter.open(StreamId.camera("cam-2"), CLOCK);
        assertThatThrownBy(() -> other.observe(e0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("camera/cam-1 != writer stream camera/cam-2");
        // a forked seq-1 event that does not build on e0
        w.observe(e0);
        StreamWriter forkSource = StreamWriter.open(StreamId.camera("cam-1"), CLOCK);
        forkSource.next(registration("cam-1", principal("cam-1", 9)), officer);
        SignedEvent fork = forkSource.next(new CameraDecommissioned("cam-1", "moved"), officer);
        assertThatThrownBy(() -> w.observe(fork)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prev");
        assertThat(w.nextSeq()).isEqualTo(1);
    }

    @Test
    void prepareSignsAtTheHeadWithoutAdvancingIt() throws Exception {
        Principal officer = principal("officer-1", 1);
        StreamWriter w = StreamWriter.open(StreamId.camera("cam-1"), CLOCK);
        SignedEvent first = w.next(registration("cam-1", principal("cam-1", 2)), officer);

        SignedEvent refused = w.prepare(new CameraDecommissioned("cam-1", "attempt the ledger refuses"), officer);
        assertThat(w.nextSeq()).isEqualTo(1);
        SignedEvent accepted = w.prepare(new CameraDecommissioned("cam-1", "deployment ended"), officer);
        w.observe(accepted);

        assertThat(refused.seq()).isEqualTo(1);
        assertThat(refused.header().prev()).contains(first.eventHash());
        assertThat(accepted.seq()).isEqualTo(1);
        assertThat(w.nextSeq()).isEqualTo(2);
        assertThat(w.last()).contains(accepted.eventHash());
    }

    @Test
    void eventChainsKeepOneWriterPerStream() throws Exception {
        Principal officer = principal("officer-1", 1);
        EventChains chains = new EventChains(CLOCK);
        SignedEvent a = chains.next(registration("cam-a", principal("cam-a", 4)), officer);
        SignedEvent b = chains.next(registration("cam-b", principal("cam-b", 5)), officer);
        SignedEvent a1 = chains.next(new CameraDecommissioned("cam-a", "moved"), officer);

        assertThat(a.seq()).isZero();
        assertThat(b.seq()).isZero();
        assertThat(a1.seq()).isEqualTo(1);
        assertThat(a1.header().prev()).isEqualTo(Optional.of(a.eventHash()));
        assertThat(chains.writer(StreamId.camera("cam-b")).nextSeq()).isEqualTo(1);
    }

    @Test
    void longStreamIdsGetAHashedEventIdWithinTheIdentifierLimit() {
        String longId = "x".repeat(128);
        String id = StreamWriter.eventId(StreamId.camera(longId), 7);
        assertThat(id).startsWith("ev-").hasSize(35);
        assertThat(StreamWriter.eventId(StreamId.camera(longId), 8)).isNotEqualTo(id);
    }
}
