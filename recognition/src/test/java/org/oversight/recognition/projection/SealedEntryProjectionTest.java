package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.event.EventFixtures.digestOf;
import static org.oversight.domain.event.EventFixtures.time;
import static org.oversight.recognition.projection.ProjectionFixtures.FROM;
import static org.oversight.recognition.projection.ProjectionFixtures.MODEL;
import static org.oversight.recognition.projection.ProjectionFixtures.UNTIL;
import static org.oversight.recognition.projection.ProjectionFixtures.detection;
import static org.oversight.recognition.projection.ProjectionFixtures.entry;
import static org.oversight.recognition.projection.ProjectionFixtures.flat;
import static org.oversight.recognition.projection.ProjectionFixtures.log;
import static org.oversight.recognition.projection.ProjectionFixtures.policy;
import static org.oversight.recognition.projection.ProjectionFixtures.wire;
import static org.oversight.recognition.projection.ProjectionFixtures.withdrawal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.template.FaceTemplate;

/**
 * Schema-2 (sealed) watchlist entries in the projection (docs/format.md §9.8): an entry whose
 * enrolment record the source gives joins the gallery exactly as a schema-1 entry with those
 * templates; one whose record is unavailable stays active for its window, and every detection
 * searched while it is active is skipped with the reason, naming the entry; {@code applyAll}
 * gives the steps of {@code apply}; schema-1 entries never touch the source.
 */
class SealedEntryProjectionTest {
    private static final long T = MatchThreshold.DEFAULT.maxScore();
    private static final FaceTemplate PROBE = flat(20, 0);

    static SignedEvent sealedEntry(String id, String from, String until, int templateCount) {
        return ProjectionFixtures.signed(new SealedWatchlistEntryAuthorized(id, "subj-" + id, "wanted",
                "warrant " + id, "officer-7", time(from), time(until), digestOf("source " + id), MODEL, 1,
                templateCount, new SealedRecordRef(digestOf("blob " + id), digestOf("commitment " + id), "ep-1")),
                EventFixtures.OFFICER_SEED, "ev-wl-" + id);
    }

    static SignedEvent sealedEntry(String id) {
        return sealedEntry(id, FROM, UNTIL, 1);
    }

    /** A source holding enrolment templates by event hash, every other record withheld. */
    static SealedRecordSource enrolments(Map<String, List<Template>> held) {
        return new SealedRecordSource() {
            @Override
            public RecordAvailability open(org.oversight.domain.event.DetectionRef d, SignedEvent event) {
                return RecordAvailability.withheld("no detection records");
            }

            @Override
            public EnrolmentAvailability openEnrolment(org.oversight.domain.event.DetectionRef e, SignedEvent event) {
                List<Template> t = held.get(event.eventHash().hex());
                return t == null ? EnrolmentAvailability.erased("epoch ep-1 closed without keeping it")
                        : EnrolmentAvailability.available(t);
            }
        };
    }

    @Test
    void anAvailableEnrolmentRecordMatchesExactlyAsASchema1EntryWithThoseTemplates() throws Exception {
        SignedEvent clearNear = entry("wl-near", flat(20, 90));
        SignedEvent sealedNear = sealedEntry("wl-near");
        SignedEvent d = detection("d", PROBE);
        SealedRecordSource source = enrolments(Map.of(sealedNear.eventHash().hex(), List.of(wire(flat(20, 90)))));
        List<MatchProposed> fromClear = RecognitionProjection.applyAll(ProjectionState.initial(),
                log(policy(T), clearNear, d)).get(2).decisions();
        Step fromSealed = RecognitionProjection.applyAll(ProjectionState.initial(), log(policy(T), sealedNear, d),
                source).get(2);
        assertThat(fromSealed.skip()).isEmpty();
        assertThat(fromClear).hasSize(1);
        assertThat(fromSealed.decisions()).hasSize(1);
        MatchProposed a = fromClear.get(0);
        MatchProposed b = fromSealed.decisions().get(0);
        assertThat(List.of(b.candidateEntry(), b.score(), b.threshold(), b.modelId(), b.match()))
                .isEqualTo(List.of(a.candidateEntry(), a.score(), a.threshold(), a.modelId(), a.match()));
        // The snapshot leaf of a sealed entry has no templates: computable from the log alone.
        WatchedEntry w = fromSealed.state().entries().get("wl-near");
        assertThat(new String(WatchlistSnapshot.leafData(w), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("templates").contains("\"entry\":\"wl-near\"");
        assertThat(WatchlistSnapshot.leafData(w)).isEqualTo(WatchlistSnapshot.leafData(
                RecognitionProjection.apply(RecognitionProjection.apply(ProjectionState.initial(), 0, policy(T))
                        .state(), 1, sealedNear).state().entries().get("wl-near")));
    }

    @Test
    void anUnavailableEntryIsActiveAndSkipsEveryDetectionSearchedWhileItIs() throws Exception {
        SignedEvent gone = sealedEntry("wl-gone", FROM, "2026-11-27T10:00:00.000Z", 1);
        List<LoggedEvent> events = log(policy(T), entry("wl-clear", flat(20, 1)), gone,
                detection("during", PROBE),
                detection("after", "2026-11-27T10:00:00.000Z", wire(PROBE)),
                withdrawal("wl-gone"),
                detection("withdrawn", PROBE));
        SealedRecordSource source = enrolments(Map.of());
        List<Step> steps = RecognitionProjection.applyAll(ProjectionState.initial(), events, source);
        Skip during = steps.get(3).skip().orElseThrow();
        assertThat(during.reason()).isEqualTo(SkipReason.RECORD_ERASED);
        assertThat(during.detail()).isEqualTo("enrolment record of the active sealed entry wl-gone erased: epoch ep-1"
                + " closed without keeping it");
        assertThat(steps.get(3).decisions()).isEmpty();
        // Out of its window, or withdrawn, it no longer stops the search.
        assertThat(steps.get(4).skip()).isEmpty();
        assertThat(steps.get(4).decisions()).extracting(MatchProposed::candidateEntry).containsExactly("wl-clear");
        assertThat(steps.get(6).skip()).isEmpty();
        assertThat(steps.get(6).decisions()).extracting(MatchProposed::candidateEntry).containsExactly("wl-clear");
        // No source: withheld, same rule.
        Step none = RecognitionProjection.applyAll(ProjectionState.initial(), events).get(3);
        assertThat(none.skip().orElseThrow().reason()).isEqualTo(SkipReason.RECORD_WITHHELD);
        assertThat(none.skip().get().detail()).contains("wl-gone").contains("no sealed enrolment records were given");
    }

    @Test
    void aSourceAnswerThatIsNotWhatTheLeafDeclaresMakesTheEntryWithheld() throws Exception {
        SignedEvent two = sealedEntry("wl-two", FROM, UNTIL, 2);
        SealedRecordSource oneTemplate = enrolments(Map.of(two.eventHash().hex(), List.of(wire(PROBE))));
        Step s = RecognitionProjection.applyAll(ProjectionState.initial(), log(policy(T), two, detection("d", PROBE)),
                oneTemplate).get(2);
        assertThat(s.skip().orElseThrow().reason()).isEqualTo(SkipReason.RECORD_WITHHELD);
        assertThat(s.skip().get().detail()).contains("the source gave 1 templates, the leaf's templateCount is 2");
    }

    @Test
    void schema1EntriesNeverTouchTheSourceAndApplyAllEqualsApply() throws Exception {
        SealedRecordSource neverAsked = new SealedRecordSource() {
            @Override
            public RecordAvailability open(org.oversight.domain.event.DetectionRef d, SignedEvent e) {
                throw new AssertionError("detection record asked");
            }

            @Override
            public EnrolmentAvailability openEnrolment(org.oversight.domain.event.DetectionRef d, SignedEvent e) {
                throw new AssertionError("enrolment asked for leaf " + d.leafIndex());
            }
        };
        RecognitionProjection.applyAll(ProjectionState.initial(), log(policy(T), entry("wl-1", PROBE),
                detection("d", PROBE)), neverAsked);

        List<SignedEvent> events = new ArrayList<>(List.of(policy(T), sealedEntry("wl-a"), entry("wl-b", flat(40, 0)),
                sealedEntry("wl-c", FROM, "2026-11-27T09:30:00.040Z", 1)));
        Map<String, List<Template>> held = new TreeMap<>();
        held.put(events.get(1).eventHash().hex(), List.of(wire(flat(20, 30))));
        for (int i = 0; i < 10; i++) {
            events.add(detection("d" + i, i % 2 == 0 ? flat(20, i) : flat(40, i)));
        }
        List<LoggedEvent> logged = log(events.toArray(new SignedEvent[0]));
        SealedRecordSource source = enrolments(held);
        List<Step> all = RecognitionProjection.applyAll(ProjectionState.initial(), logged, source);
        ProjectionState state = ProjectionState.initial();
        for (int i = 0; i < logged.size(); i++) {
            Step one = RecognitionProjection.apply(state, logged.get(i).leafIndex(), logged.get(i).event(), source);
            assertThat(all.get(i).decisions()).isEqualTo(one.decisions());
            assertThat(all.get(i).skip()).isEqualTo(one.skip());
            state = one.state();
        }
        // wl-c's window ends at the detections' capture time: it is not active, so they are searched.
        assertThat(all.get(4).skip()).isEmpty();
        assertThat(all.stream().flatMap(s -> s.decisions().stream()).map(MatchProposed::candidateEntry))
                .contains("wl-a", "wl-b");
    }
}
