package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.recognition.projection.ProjectionFixtures.DURING;
import static org.oversight.recognition.projection.ProjectionFixtures.MODEL;
import static org.oversight.recognition.projection.ProjectionFixtures.decisions;
import static org.oversight.recognition.projection.ProjectionFixtures.detection;
import static org.oversight.recognition.projection.ProjectionFixtures.entry;
import static org.oversight.recognition.projection.ProjectionFixtures.flat;
import static org.oversight.recognition.projection.ProjectionFixtures.log;
import static org.oversight.recognition.projection.ProjectionFixtures.modelId;
import static org.oversight.recognition.projection.ProjectionFixtures.policy;
import static org.oversight.recognition.projection.ProjectionFixtures.quantised;
import static org.oversight.recognition.projection.ProjectionFixtures.wire;
import static org.oversight.recognition.projection.ProjectionFixtures.withdrawal;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.template.FaceTemplate;

class RecognitionProjectionTest {
    /** The default threshold: squared distance 91² = 8,281. */
    private static final long T = MatchThreshold.DEFAULT.maxScore();
    private static final FaceTemplate PROBE = flat(20, 0);

    @Test
    void matchesExactlyTheEntriesWithinTheThresholdAndNamesEverything() throws Exception {
        SignedEvent at = entry("wl-at", flat(20, 91)); // distance 91² = 8,281: exactly at the threshold
        SignedEvent beyond = entry("wl-beyond", flat(20, 92)); // 8,464: one step beyond
        SignedEvent det = detection("d1", PROBE);
        List<LoggedEvent> log = log(policy(T), at, beyond, det);

        List<MatchProposed> out = decisions(log);

        assertThat(T).isEqualTo(8_281L);
        assertThat(out).hasSize(1);
        MatchProposed m = out.get(0);
        assertThat(m.candidateEntry()).isEqualTo("wl-at");
        assertThat(m.score()).isEqualTo(8_281L).isEqualTo(T);
        assertThat(m.threshold()).isEqualTo(T);
        assertThat(m.detection()).isEqualTo(new DetectionRef(det.eventHash(), 3));
        assertThat(m.match()).isEqualTo(MatchIds.derive(det.eventHash(), 3, "wl-at")).matches("m-[0-9a-f]{16}");
        assertThat(m.watchlistSnapshot().size()).isEqualTo(2);
        assertThat(m.watchlistSnapshot()).isEqualTo(WatchlistSnapshot.of(List.of(
                WatchedEntry.of(at.eventHash(), (org.oversight.domain.event.WatchlistEntryAuthorized) at.payload()),
                WatchedEntry.of(beyond.eventHash(),
                        (org.oversight.domain.event.WatchlistEntryAuthorized) beyond.payload()))));
        assertThat(m.modelId()).isEqualTo(MODEL);
        assertThat(m.engineVersion()).isEqualTo(RecognitionProjection.ENGINE_VERSION);
    }

    @Test
    void validityIsJudgedAtCaptureTimeWithAnInclusiveStartAndExclusiveEnd() throws Exception {
        SignedEvent active = entry("wl-active", "2026-11-27T09:30:00.040Z", "2026-11-27T09:30:00.041Z", flat(20, 1));
        SignedEvent expired = entry("wl-expired", "2026-11-01T00:00:00.000Z", "2026-11-27T09:30:00.040Z", flat(20, 1));
        SignedEvent notYet = entry("wl-not-yet", "2026-11-27T09:30:00.041Z", "2026-12-01T00:00:00.000Z", flat(20, 1));
        List<MatchProposed> out = decisions(log(policy(T), active, expired, notYet, detection("d", PROBE)));

        assertThat(out).extracting(MatchProposed::candidateEntry).containsExactly("wl-active");
        assertThat(out.get(0).watchlistSnapshot().size()).isEqualTo(1); // expired / future entries are not in the snapshot
    }

    @Test
    void withdrawalStopsMatchesFromItsLeafOnOnly() throws Exception {
        SignedEvent e = entry("wl-1", flat(20, 0));
        List<MatchProposed> out = decisions(log(policy(T), e, detection("before", PROBE), withdrawal("wl-1"),
                detection("after", PROBE), withdrawal("wl-1")));

        assertThat(out).hasSize(1);
        assertThat(out.get(0).detection().leafIndex()).isEqualTo(2);
    }

    @Test
    void inconsistentWatchlistInputIsRejectedNamingLeafAndEntry() {
        assertThatThrownBy(() -> decisions(log(withdrawal("wl-x"))))
                .isInstanceOf(ProjectionInputException.class)
                .hasMessage("leaf 0: entry wl-x withdrawn but never authorised");
        assertThatThrownBy(() -> decisions(log(entry("wl-x", PROBE), withdrawal("wl-x"), entry("wl-x", PROBE))))
                .isInstanceOf(ProjectionInputException.class)
                .hasMessage("leaf 2: entry wl-x authorised again");
    }

    @Test
    void leafIndicesMustIncrease() throws Exception {
        Step first = RecognitionProjection.apply(ProjectionState.initial(), 5, policy(T));
        assertThatThrownBy(() -> RecognitionProjection.apply(first.state(), 5, detection("d", PROBE)))
                .isInstanceOf(ProjectionInputException.class)
                .hasMessage("leaf index 5 <= previous leaf index 5");
        assertThat(RecognitionProjection.apply(first.state(), 9, detection("d", PROBE)).state().lastLeafIndex())
                .isEqualTo(9);
    }

    @Test
    void thePolicyInForceAtTheDetectionsLeafDecides() throws Exception {
        long strict = 99;
        List<MatchProposed> out = decisions(log(policy(strict), entry("wl-1", flat(20, 10)), detection("d1", PROBE),
                policy(T), detection("d2", PROBE), policy(strict), detection("d3", PROBE)));

        assertThat(out).hasSize(1);
        assertThat(out.get(0).detection().leafIndex()).isEqualTo(4);
        assertThat(out.get(0).threshold()).isEqualTo(T);
        assertThat(out.get(0).score()).isEqualTo(100);
    }

    @Test
    void detectionsThatCannotBeSearchedAreSkippedWithAReason() throws Exception {
        ProjectionState s = ProjectionState.initial();
        assertThat(skip(s, 0, detection("d", PROBE))).isEqualTo(SkipReason.NO_POLICY);

        s = RecognitionProjection.apply(s, 1, policy(T)).state();
        s = RecognitionProjection.apply(s, 2, entry("wl-1", PROBE)).state();
        Template otherModel = Template.of(PROBE.encode(), 1, "other-model@2");
        assertThat(skip(s, 3, detection("m", DURING, otherModel))).isEqualTo(SkipReason.MODEL_MISMATCH);
        Template otherFormat = Template.of(PROBE.encode(), 2, MODEL);
        assertThat(skip(s, 4, detection("f", DURING, otherFormat))).isEqualTo(SkipReason.FORMAT_MISMATCH);
        Template junk = Template.of(EventFixtures.counting(16), 1, MODEL);
        assertThat(skip(s, 5, detection("j", DURING, junk))).isEqualTo(SkipReason.MALFORMED_TEMPLATE);
        Step ok = RecognitionProjection.apply(s, 6, detection("ok", PROBE));
        assertThat(ok.skip()).isEmpty();
        assertThat(ok.decisions()).hasSize(1);

        SignedEvent format2 = ProjectionFixtures.signed(new org.oversight.domain.event.RecognitionPolicySet(MODEL, 2, T,
                T, 2, 0, ProjectionFixtures.policyPayload(T).accuracy()), EventFixtures.AUTHORITY_SEED, "ev-p2");
        s = RecognitionProjection.apply(ok.state(), 7, format2).state();
        assertThat(skip(s, 8, detection("f2", DURING, otherFormat))).isEqualTo(SkipReason.UNSUPPORTED_FORMAT);
    }

    private static SkipReason skip(ProjectionState s, long leaf, SignedEvent det) throws Exception {
        Step step = RecognitionProjection.apply(s, leaf, det);
        assertThat(step.decisions()).isEmpty();
        assertThat(step.skip()).as("skip for %s", det).isPresent();
        return step.skip().get().reason();
    }

    @Test
    void entryTemplatesOfAnotherEmbeddedModelNeverMatchButTheEntryIsInTheSnapshot() throws Exception {
        byte[] c = new byte[FaceTemplate.DIMENSIONS];
        Arrays.fill(c, (byte) 20);
        FaceTemplate foreign = FaceTemplate.of(modelId(0x42), c); // same components, other embedded model id
        List<MatchProposed> out = decisions(log(policy(T), entry("wl-foreign", foreign), entry("wl-near", flat(20, 50)),
                detection("d", PROBE)));

        assertThat(out).extracting(MatchProposed::candidateEntry).containsExactly("wl-near");
        assertThat(out.get(0).watchlistSnapshot().size()).isEqualTo(2);
    }

    @Test
    void anEntryScoresWithItsBestTemplate() throws Exception {
        List<MatchProposed> out = decisions(log(policy(T), entry("wl-1", flat(20, 90), flat(20, 3), flat(20, 60)),
                detection("d", PROBE)));
        assertThat(out).extracting(MatchProposed::score).containsExactly(9L);
    }

    @Test
    void decisionsAreBestFirstTiesByEntryIdAndCappedPerDetection() throws Exception {
        // Seven passing entries, authorised in scrambled order; two ties straddle the cap of five.
        List<MatchProposed> out = decisions(log(policy(T),
                entry("wl-g", flat(20, 40)), entry("wl-c", flat(20, 30)), entry("wl-a", flat(20, 10)),
                entry("wl-f", flat(20, 40)), entry("wl-b", flat(20, 30)), entry("wl-e", flat(20, 40)),
                entry("wl-d", flat(20, 30)), detection("d", PROBE)));

        assertThat(RecognitionProjection.MAX_PROPOSALS_PER_DETECTION).isEqualTo(5);
        assertThat(out).extracting(MatchProposed::candidateEntry).containsExactly("wl-a", "wl-b", "wl-c", "wl-d", "wl-e");
        assertThat(out).extracting(m -> m.watchlistSnapshot().size()).containsOnly(7L);
    }

    @Test
    void otherEventTypesAreIgnoredAndLoggedProposalsAreNotInputs() throws Exception {
        ProjectionState s = ProjectionState.initial();
        s = RecognitionProjection.apply(s, 0, policy(T)).state();
        s = RecognitionProjection.apply(s, 1, entry("wl-1", PROBE)).state();
        ProjectionState before = s;
        long leaf = 2;
        for (EventType type : EventType.values()) {
            if (type == EventType.RECOGNITION_POLICY_SET || type.name().startsWith("WATCHLIST")
                    || type == EventType.FACE_DETECTED) {
                continue;
            }
            Step step = RecognitionProjection.apply(s, leaf, EventFixtures.signed(EventFixtures.payload(type), 9));
            assertThat(step.decisions()).as(type.wireName()).isEmpty();
            assertThat(step.skip()).isEmpty();
            assertThat(step.state().policy()).isEqualTo(before.policy());
            assertThat(step.state().entries()).isEqualTo(before.entries());
            assertThat(step.state().lastLeafIndex()).isEqualTo(leaf);
            s = step.state();
            leaf++;
        }
    }

    @Test
    void realQuantisedTemplatesMatchTheirOwnSubjectOnly() throws Exception {
        FaceTemplate a = quantised(37, 101, 50);
        FaceTemplate b = quantised(59, 97, 48);
        FaceTemplate aAgain = quantised(37, 101, 50);
        List<MatchProposed> out = decisions(log(policy(T), entry("wl-a", a), entry("wl-b", b),
                detection("d", aAgain)));
        assertThat(out).extracting(MatchProposed::candidateEntry, MatchProposed::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("wl-a", 0L));
    }

    @Test
    void statesAreValuesEvenWhenAnOlderStateIsExtendedTwice() throws Exception {
        ProjectionState s0 = RecognitionProjection.apply(ProjectionState.initial(), 0, policy(T)).state();
        ProjectionState a = RecognitionProjection.apply(s0, 1, entry("wl-a", PROBE)).state();
        ProjectionState aWithdrawn = RecognitionProjection.apply(a, 2, withdrawal("wl-a")).state();
        ProjectionState b = RecognitionProjection.apply(s0, 1, entry("wl-b", PROBE)).state(); // forks
        ProjectionState aDetected = RecognitionProjection.apply(a, 3, detection("d", PROBE)).state(); // forks

        assertThat(s0.entries()).isEmpty();
        assertThat(a.entries()).containsOnlyKeys("wl-a");
        assertThat(aWithdrawn.entries()).isEmpty();
        assertThat(aWithdrawn.withdrawn()).containsExactly("wl-a");
        assertThat(b.entries()).containsOnlyKeys("wl-b");
        assertThat(aDetected.entries()).containsOnlyKeys("wl-a");
        assertThat(RecognitionProjection.apply(b, 5, detection("d", PROBE)).decisions())
                .extracting(MatchProposed::candidateEntry).containsExactly("wl-b");
        assertThat(RecognitionProjection.apply(aWithdrawn, 5, detection("d", PROBE)).decisions()).isEmpty();
        assertThat(RecognitionProjection.apply(a, 5, detection("d", PROBE)).decisions())
                .extracting(MatchProposed::candidateEntry).containsExactly("wl-a");
    }

}
