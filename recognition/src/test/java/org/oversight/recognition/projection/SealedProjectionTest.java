package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.event.EventFixtures.digestOf;
import static org.oversight.domain.event.EventFixtures.landmarks;
import static org.oversight.domain.event.EventFixtures.time;
import static org.oversight.recognition.projection.ProjectionFixtures.DURING;
import static org.oversight.recognition.projection.ProjectionFixtures.MODEL;
import static org.oversight.recognition.projection.ProjectionFixtures.detection;
import static org.oversight.recognition.projection.ProjectionFixtures.entry;
import static org.oversight.recognition.projection.ProjectionFixtures.flat;
import static org.oversight.recognition.projection.ProjectionFixtures.log;
import static org.oversight.recognition.projection.ProjectionFixtures.policy;
import static org.oversight.recognition.projection.ProjectionFixtures.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.template.FaceTemplate;

/**
 * Sealed (schema-2) detections: the template comes from the {@link SealedRecordSource}; an
 * available record decides exactly as the same template in a schema-1 leaf; an unavailable one is a
 * skip with its reason; the leaf's own checks come first.
 */
class SealedProjectionTest {
    private static final long T = MatchThreshold.DEFAULT.maxScore();
    private static final FaceTemplate PROBE = flat(20, 0);

    static SignedEvent sealed(String name, String modelId, int format) {
        return ProjectionFixtures.signed(new SealedFaceDetected("cam-0042", time(DURING), digestOf("frame " + name),
                new FaceBox(96, 180, 120, 140), modelId, format, 870,
                new SealedRecordRef(digestOf("blob " + name), digestOf("commitment " + name), "ep-1")),
                EventFixtures.CAMERA_SEED, "ev-sealed-" + name);
    }

    static SignedEvent sealed(String name) {
        return sealed(name, MODEL, 1);
    }

    /** A source holding {@code templates} by event hash; everything else withheld. */
    static SealedRecordSource holding(Map<String, Template> templates) {
        return (ref, event) -> {
            Template t = templates.get(event.eventHash().hex());
            return t == null ? RecordAvailability.withheld("not given") : RecordAvailability.available(t, landmarks());
        };
    }

    @Test
    void anAvailableRecordDecidesExactlyAsTheSameTemplateInASchema1Leaf() throws Exception {
        SignedEvent within = entry("wl-near", flat(20, 90));
        SignedEvent beyond = entry("wl-far", flat(20, 92));
        SignedEvent clear = detection("clear", PROBE);
        SignedEvent sealed = sealed("s");
        SealedRecordSource source = holding(Map.of(sealed.eventHash().hex(), wire(PROBE)));

        List<MatchProposed> fromClear = RecognitionProjection.applyAll(ProjectionState.initial(),
                log(policy(T), within, beyond, clear)).get(3).decisions();
        Step fromSealed = RecognitionProjection.applyAll(ProjectionState.initial(),
                log(policy(T), within, beyond, sealed), source).get(3);

        assertThat(fromSealed.skip()).isEmpty();
        assertThat(fromClear).hasSize(1);
        assertThat(fromSealed.decisions()).hasSize(1);
        MatchProposed a = fromClear.get(0);
        MatchProposed b = fromSealed.decisions().get(0);
        assertThat(b.detection()).isEqualTo(new DetectionRef(sealed.eventHash(), 3));
        assertThat(List.of(b.candidateEntry(), b.score(), b.threshold(), b.watchlistSnapshot(), b.modelId(),
                b.engineVersion())).isEqualTo(List.of(a.candidateEntry(), a.score(), a.threshold(),
                        a.watchlistSnapshot(), a.modelId(), a.engineVersion()));
        assertThat(b.match()).isEqualTo(MatchIds.derive(sealed.eventHash(), 3, "wl-near"));
    }

    @Test
    void anUnavailableRecordIsASkipWithItsReasonAndNoDecision() throws Exception {
        List<LoggedEvent> events = log(policy(T), entry("wl-1", PROBE), sealed("w"), sealed("e"));
        String erasedHash = events.get(3).event().eventHash().hex();
        SealedRecordSource source = (ref, event) -> event.eventHash().hex().equals(erasedHash)
                ? RecordAvailability.erased("epoch ep-1 closed without keeping it")
                : RecordAvailability.withheld("not disclosed to this replay");
        List<Step> steps = RecognitionProjection.applyAll(ProjectionState.initial(), events, source);
        assertThat(steps.get(2).decisions()).isEmpty();
        assertThat(steps.get(2).skip().orElseThrow().reason()).isEqualTo(SkipReason.RECORD_WITHHELD);
        assertThat(steps.get(2).skip().get().detail()).contains("leaf 2").contains("not disclosed to this replay");
        assertThat(steps.get(3).skip().orElseThrow().reason()).isEqualTo(SkipReason.RECORD_ERASED);
        // Without a source, every sealed detection is withheld.
        Step none = RecognitionProjection.apply(steps.get(1).state(), 2, events.get(2).event());
        assertThat(none.skip().orElseThrow().reason()).isEqualTo(SkipReason.RECORD_WITHHELD);
    }

    @Test
    void theLeafsOwnChecksComeFirstSoASourceIsNotAskedForADetectionTheLeafAlreadyRulesOut() throws Exception {
        SealedRecordSource neverAsked = (ref, event) -> {
            throw new AssertionError("asked for leaf " + ref.leafIndex());
        };
        ProjectionState empty = ProjectionState.initial();
        assertThat(RecognitionProjection.apply(empty, 0, sealed("np"), neverAsked).skip().orElseThrow().reason())
                .isEqualTo(SkipReason.NO_POLICY);
        ProjectionState s = RecognitionProjection.apply(empty, 0, policy(T)).state();
        assertThat(RecognitionProjection.apply(s, 1, sealed("m", "other-model@2", 1), neverAsked).skip()
                .orElseThrow().reason()).isEqualTo(SkipReason.MODEL_MISMATCH);
        assertThat(RecognitionProjection.apply(s, 1, sealed("f", MODEL, 2), neverAsked).skip()
                .orElseThrow().reason()).isEqualTo(SkipReason.FORMAT_MISMATCH);
    }

    @Test
    void aRecordWhoseTemplateIsNotOfTheLeafsModelOrFormatIsNotSearched() throws Exception {
        ProjectionState s = RecognitionProjection.apply(ProjectionState.initial(), 0, policy(T)).state();
        SignedEvent d = sealed("x");
        Step otherModel = RecognitionProjection.apply(s, 1, d, (ref, e) -> RecordAvailability.available(
                Template.of(PROBE.encode(), 1, "other-model@2"), landmarks()));
        assertThat(otherModel.skip().orElseThrow().reason()).isEqualTo(SkipReason.MODEL_MISMATCH);
        assertThat(otherModel.skip().get().detail()).startsWith("record template model other-model@2");
        Step otherFormat = RecognitionProjection.apply(s, 1, d, (ref, e) -> RecordAvailability.available(
                Template.of(PROBE.encode(), 2, MODEL), landmarks()));
        assertThat(otherFormat.skip().orElseThrow().reason()).isEqualTo(SkipReason.FORMAT_MISMATCH);
        Step junk = RecognitionProjection.apply(s, 1, d, (ref, e) -> RecordAvailability.available(
                Template.of(EventFixtures.counting(16), 1, MODEL), landmarks()));
        assertThat(junk.skip().orElseThrow().reason()).isEqualTo(SkipReason.MALFORMED_TEMPLATE);
    }

    @Test
    void batchedRunsOfMixedSchemaDetectionsGiveTheStepsOfOneAtATime() throws Exception {
        List<SignedEvent> events = new ArrayList<>(List.of(policy(T), entry("wl-a", flat(20, 30)),
                entry("wl-b", flat(40, 0))));
        Map<String, Template> held = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            FaceTemplate t = i % 2 == 0 ? flat(20, i) : flat(40, i);
            if (i % 3 == 0) {
                events.add(detection("c" + i, t));
            } else {
                SignedEvent s = sealed("s" + i);
                events.add(s);
                if (i % 4 != 1) {
                    held.put(s.eventHash().hex(), wire(t));
                }
            }
        }
        List<LoggedEvent> logged = log(events.toArray(new SignedEvent[0]));
        SealedRecordSource source = holding(held);
        List<Step> batched = RecognitionProjection.applyAll(ProjectionState.initial(), logged, source);
        ProjectionState state = ProjectionState.initial();
        int decisions = 0;
        int withheld = 0;
        for (int i = 0; i < logged.size(); i++) {
            Step one = RecognitionProjection.apply(state, i, logged.get(i).event(), source);
            assertThat(batched.get(i).decisions()).as("step %d", i).isEqualTo(one.decisions());
            assertThat(batched.get(i).skip()).as("step %d", i).isEqualTo(one.skip());
            state = one.state();
            decisions += one.decisions().size();
            withheld += one.skip().filter(k -> k.reason() == SkipReason.RECORD_WITHHELD).isPresent() ? 1 : 0;
        }
        assertThat(decisions).isGreaterThan(5);
        assertThat(withheld).isEqualTo(2);
    }

    @Test
    void aReplayReportsProposalsOnDetectionsWithoutTheirRecordAsNotRederivedNeverExtra() throws Exception {
        SignedEvent sealed = sealed("r");
        SealedRecordSource engine = holding(Map.of(sealed.eventHash().hex(), wire(PROBE)));
        List<LoggedEvent> head = log(policy(T), entry("wl-1", PROBE), sealed);
        MatchProposed proposed = RecognitionProjection.applyAll(ProjectionState.initial(), head, engine).get(2)
                .decisions().get(0);
        List<LoggedEvent> full = log(policy(T), entry("wl-1", PROBE), sealed, ProjectionFixtures.proposal(proposed));

        assertThat(ProjectionReplay.compare(full, engine)).isEmpty();
        assertThat(ProjectionReplay.compare(full)).containsExactly(
                new Discrepancy.NotRederived(3, proposed, SkipReason.RECORD_WITHHELD));
        assertThat(ProjectionReplay.compare(full, (ref, e) -> RecordAvailability.erased("closed")))
                .containsExactly(new Discrepancy.NotRederived(3, proposed, SkipReason.RECORD_ERASED));
    }
}
