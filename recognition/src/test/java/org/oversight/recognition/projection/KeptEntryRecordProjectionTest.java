package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.event.EventFixtures.key;
import static org.oversight.domain.event.EventFixtures.time;
import static org.oversight.recognition.projection.ProjectionFixtures.DURING;
import static org.oversight.recognition.projection.ProjectionFixtures.FROM;
import static org.oversight.recognition.projection.ProjectionFixtures.UNTIL;
import static org.oversight.recognition.projection.ProjectionFixtures.detection;
import static org.oversight.recognition.projection.ProjectionFixtures.entry;
import static org.oversight.recognition.projection.ProjectionFixtures.flat;
import static org.oversight.recognition.projection.ProjectionFixtures.log;
import static org.oversight.recognition.projection.ProjectionFixtures.policy;
import static org.oversight.recognition.projection.ProjectionFixtures.wire;
import static org.oversight.recognition.projection.SealedEntryProjectionTest.enrolments;
import static org.oversight.recognition.projection.SealedEntryProjectionTest.sealedEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.template.FaceTemplate;

/**
 * A schema-2 entry stops being searched at the leaf where its sealed enrolment record ends
 * (docs/format.md §9.8): the {@code KeptRecordsDestroyed} that destroys its kept record, or the
 * {@code ErasureEpochClosed} of its epoch that does not keep it — exactly like a withdrawal there,
 * whatever the later detections' capture times, so a replay holding the templates in memory and
 * one whose source says the record is erased derive the same decisions.
 */
class KeptEntryRecordProjectionTest {
    private static final long T = MatchThreshold.DEFAULT.maxScore();
    private static final FaceTemplate PROBE = flat(20, 0);
    private static final SignedEvent ENTRY = sealedEntry("wl-kept");
    /** The sealed entry's leaf in {@link #logWith}. */
    private static final long ENTRY_LEAF = 2;

    /** A source with the entry's templates (a replay that opened the record while it was readable). */
    private static final SealedRecordSource IN_MEMORY = enrolments(Map.of(ENTRY.eventHash().hex(),
            List.of(wire(flat(20, 60)))));
    /** A source to which the entry's record is erased (a replay started after its end). */
    private static final SealedRecordSource ERASED = enrolments(Map.of());

    private static SignedEvent epochEvent(EventPayload payload, long seq, String eventId) {
        return EventSigner.sign(eventId, seq, Optional.of(EventHash.ofLeafBytes(new byte[] {(byte) seq})),
                time("2026-11-27T10:00:01.000Z"), payload, key(EventFixtures.ENGINE_SEED));
    }

    private static DetectionRef entryRef() {
        return new DetectionRef(ENTRY.eventHash(), ENTRY_LEAF);
    }

    private static SignedEvent close(String epoch, DetectionRef... keptEntries) {
        List<KeptRecord> kept = new ArrayList<>();
        for (DetectionRef r : keptEntries) {
            kept.add(new KeptRecord("warrant wl-kept", r, KeepReason.WATCHLIST_ENTRY, time(UNTIL)));
        }
        return epochEvent(new ErasureEpochClosed(epoch, kept, 0), 1, "ev-close-" + epoch);
    }

    private static SignedEvent destroyed(String epoch, DetectionRef ref) {
        return epochEvent(new KeptRecordsDestroyed(epoch, List.of(ref), "retention reached"), 2,
                "ev-destroy-" + epoch + "-" + ref.leafIndex());
    }

    /** policy, a schema-1 entry, the sealed entry (leaf 2), then {@code rest}. */
    private static List<LoggedEvent> logWith(SignedEvent... rest) {
        List<SignedEvent> all = new ArrayList<>(List.of(policy(T), entry("wl-clear", flat(20, 90)), ENTRY));
        all.addAll(List.of(rest));
        return log(all.toArray(new SignedEvent[0]));
    }

    private static List<String> candidates(Step s) {
        return s.decisions().stream().map(MatchProposed::candidateEntry).toList();
    }

    @Test
    void aDestroyedKeptRecordEndsTheEntryLikeAWithdrawalWhateverTheCaptureTime() throws Exception {
        List<LoggedEvent> events = logWith(
                detection("before-close", PROBE),                       // 3
                close("ep-1", entryRef()),                              // 4: kept
                detection("kept", PROBE),                               // 5
                destroyed("ep-1", entryRef()),                          // 6 = k
                detection("after", PROBE));                             // 7: captured inside the window
        List<Step> steps = RecognitionProjection.applyAll(ProjectionState.initial(), events, IN_MEMORY);
        assertThat(candidates(steps.get(3))).containsExactly("wl-kept", "wl-clear");
        assertThat(candidates(steps.get(5))).containsExactly("wl-kept", "wl-clear");
        assertThat(steps.get(7).skip()).isEmpty();
        assertThat(candidates(steps.get(7))).containsExactly("wl-clear");
        assertThat(steps.get(6).state().entries()).doesNotContainKey("wl-kept").containsKey("wl-clear");
        assertThat(steps.get(5).state().entries()).containsKey("wl-kept");
        // The entry's capture-time window still covers the late detection: only the destruction ended it.
        assertThat(steps.get(7).state().entries()).doesNotContainKey("wl-kept");
        // Nor is it in the snapshot of the late detection: exactly as if withdrawn at k.
        List<Step> withdrawn = RecognitionProjection.applyAll(ProjectionState.initial(), logWith(
                detection("before-close", PROBE), close("ep-1", entryRef()), detection("kept", PROBE),
                ProjectionFixtures.withdrawal("wl-kept"), detection("after", PROBE)), IN_MEMORY);
        assertThat(steps.get(7).decisions()).isEqualTo(withdrawn.get(7).decisions());

        // A replay whose source no longer has the record (restarted after k) derives the same from k on.
        List<Step> restarted = RecognitionProjection.applyAll(ProjectionState.initial(), events, ERASED);
        assertThat(restarted.get(7).decisions()).isEqualTo(steps.get(7).decisions());
        assertThat(restarted.get(7).skip()).isEqualTo(steps.get(7).skip());
        // Before k it cannot re-derive them: skipped, never a different decision.
        assertThat(restarted.get(5).skip().orElseThrow().reason()).isEqualTo(SkipReason.RECORD_ERASED);

        // apply, one event at a time, gives the same steps.
        ProjectionState state = ProjectionState.initial();
        for (int i = 0; i < events.size(); i++) {
            Step one = RecognitionProjection.apply(state, events.get(i).leafIndex(), events.get(i).event(), IN_MEMORY);
            assertThat(one.decisions()).isEqualTo(steps.get(i).decisions());
            assertThat(one.skip()).isEqualTo(steps.get(i).skip());
            state = one.state();
        }
    }

    @Test
    void aCloseThatDoesNotKeepTheEntryEndsItAtTheClose() throws Exception {
        List<LoggedEvent> events = logWith(
                detection("open", PROBE),                               // 3
                close("ep-1"),                                          // 4: not kept
                detection("after", PROBE));                             // 5
        List<Step> inMemory = RecognitionProjection.applyAll(ProjectionState.initial(), events, IN_MEMORY);
        assertThat(candidates(inMemory.get(3))).containsExactly("wl-kept", "wl-clear");
        assertThat(inMemory.get(5).skip()).isEmpty();
        assertThat(candidates(inMemory.get(5))).containsExactly("wl-clear");
        // An erased record no longer makes the later detections skips: they are searched without it.
        List<Step> erased = RecognitionProjection.applyAll(ProjectionState.initial(), events, ERASED);
        assertThat(erased.get(3).skip().orElseThrow().reason()).isEqualTo(SkipReason.RECORD_ERASED);
        assertThat(erased.get(5).decisions()).isEqualTo(inMemory.get(5).decisions());
        assertThat(erased.get(5).skip()).isEmpty();
    }

    @Test
    void onlyAReferenceNamingTheEntryOfItsOwnEpochEndsIt() throws Exception {
        DetectionRef wrongHash = new DetectionRef(detection("x", PROBE).eventHash(), ENTRY_LEAF);
        List<LoggedEvent> events = logWith(
                close("ep-other"),                                      // 3: another epoch's close
                close("ep-1", entryRef()),                              // 4: kept
                destroyed("ep-1", wrongHash),                           // 5: same leaf, other hash
                destroyed("ep-other", entryRef()),                      // 6: another epoch
                detection("d", PROBE));                                 // 7
        List<Step> steps = RecognitionProjection.applyAll(ProjectionState.initial(), events, IN_MEMORY);
        assertThat(candidates(steps.get(7))).containsExactly("wl-kept", "wl-clear");
    }

    @Test
    void schema1EntriesAreUnaffected() throws Exception {
        SignedEvent clear = entry("wl-only", FROM, UNTIL, flat(20, 30));
        DetectionRef clearRef = new DetectionRef(clear.eventHash(), 1);
        List<LoggedEvent> events = log(policy(T), clear, close("ep-1"), destroyed("ep-1", clearRef),
                detection("d", DURING, wire(PROBE)));
        List<Step> steps = RecognitionProjection.applyAll(ProjectionState.initial(), events, ERASED);
        assertThat(candidates(steps.get(4))).containsExactly("wl-only");
    }
}
