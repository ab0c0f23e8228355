package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.recognition.projection.ProjectionFixtures.decisions;
import static org.oversight.recognition.projection.ProjectionFixtures.detection;
import static org.oversight.recognition.projection.ProjectionFixtures.entry;
import static org.oversight.recognition.projection.ProjectionFixtures.flat;
import static org.oversight.recognition.projection.ProjectionFixtures.log;
import static org.oversight.recognition.projection.ProjectionFixtures.policy;
import static org.oversight.recognition.projection.ProjectionFixtures.proposal;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.recognition.match.MatchThreshold;

class ProjectionReplayTest {
    private static final long T = MatchThreshold.DEFAULT.maxScore();

    private List<SignedEvent> prefix;
    private MatchProposed near;
    private MatchProposed far;

    /** Policy, three entries (two within the threshold), one detection at leaf 4. */
    @BeforeEach
    void derive() throws Exception {
        prefix = List.of(policy(T), entry("wl-near", flat(20, 10)), entry("wl-far", flat(20, 60)),
                entry("wl-out", flat(20, 100)), detection("d", flat(20, 0)));
        List<MatchProposed> d = decisions(log(prefix.toArray(new SignedEvent[0])));
        assertThat(d).extracting(MatchProposed::candidateEntry).containsExactly("wl-near", "wl-far");
        near = d.get(0);
        far = d.get(1);
    }

    private List<Discrepancy> replay(SignedEvent... after) throws Exception {
        List<SignedEvent> all = new ArrayList<>(prefix);
        all.addAll(List.of(after));
        return ProjectionReplay.compare(log(all.toArray(new SignedEvent[0])));
    }

    @Test
    void exactlyTheDerivedProposalsInAnyOrderAfterTheDetectionAgree() throws Exception {
        assertThat(replay(proposal(near), proposal(far))).isEmpty();
        assertThat(replay(proposal(far), EventFixtures.signed(EventFixtures.matchReviewed(), 5), proposal(near)))
                .isEmpty();
    }

    @Test
    void aMissingProposalIsReported() throws Exception {
        List<Discrepancy> found = replay(proposal(far));
        assertThat(found).containsExactly(new Discrepancy.Missing(near));
        assertThat(found.get(0).detectionLeafIndex()).isEqualTo(4);
        assertThat(found.get(0).toString()).contains("missing", near.match(), "wl-near");
    }

    @Test
    void aProposalTheProjectionDoesNotDeriveIsExtra() throws Exception {
        MatchProposed out = new MatchProposed(MatchIds.derive(near.detection().eventHash(), 4, "wl-out"),
                near.detection(), "wl-out", T, T, near.watchlistSnapshot(), near.modelId(), near.engineVersion());
        SignedEvent outEvent = proposal(out);
        List<Discrepancy> found = replay(proposal(near), proposal(far), outEvent);
        assertThat(found).containsExactly(new Discrepancy.Extra(7, out,
                "the projection derives no decision for this detection and entry (or it was already proposed)"));
    }

    @Test
    void aDuplicateProposalIsExtra() throws Exception {
        MatchProposed again = new MatchProposed("m-again", near.detection(), near.candidateEntry(), near.score(),
                near.threshold(), near.watchlistSnapshot(), near.modelId(), near.engineVersion());
        List<Discrepancy> found = replay(proposal(near), proposal(far), proposal(again));
        assertThat(found).hasSize(1).first().isInstanceOf(Discrepancy.Extra.class);
    }

    @Test
    void aProposalBeforeItsDetectionIsExtraAndTheDecisionMissing() throws Exception {
        List<SignedEvent> reordered = new ArrayList<>(prefix.subList(0, 4));
        reordered.add(proposal(near)); // leaf 4: names the detection at leaf 4 … which is now at leaf 5
        reordered.add(detection("d", flat(20, 0)));
        reordered.add(proposal(far));
        List<Discrepancy> found = ProjectionReplay.compare(log(reordered.toArray(new SignedEvent[0])));
        // The detection moved to leaf 5, so every derived decision differs; check the misplaced one.
        assertThat(found).anySatisfy(d -> assertThat(d.toString())
                .contains("extra", "names a detection at leaf 4, not before its own leaf 4"));
        assertThat(found).anySatisfy(d -> assertThat(d).isInstanceOf(Discrepancy.Missing.class));
    }

    @Test
    void alteredFieldsAreReportedOneByOne() throws Exception {
        MatchProposed altered = new MatchProposed("m-0000000000000000", near.detection(), near.candidateEntry(),
                near.score() + 1, near.threshold() - 1,
                new SnapshotRef(EventFixtures.digestOf("another snapshot"), near.watchlistSnapshot().size() + 1),
                "other-model", "oversight-engine/0");
        List<Discrepancy> found = replay(proposal(altered), proposal(far));
        assertThat(found).hasSize(1);
        Discrepancy.Differing d = (Discrepancy.Differing) found.get(0);
        assertThat(d.leafIndex()).isEqualTo(5);
        assertThat(d.fields()).extracting(Discrepancy.FieldDifference::field).containsExactly("match", "score",
                "threshold", "watchlistSnapshot.root", "watchlistSnapshot.size", "modelId", "engineVersion");
        assertThat(d.fields().get(1)).isEqualTo(new Discrepancy.FieldDifference("score",
                Long.toString(near.score()), Long.toString(near.score() + 1)));
    }

    @Test
    void aProposalNamingAnotherEventAtTheDetectionLeafIsExtra() throws Exception {
        MatchProposed wrongHash = new MatchProposed(near.match(),
                new DetectionRef(prefix.get(0).eventHash(), 4), near.candidateEntry(), near.score(), near.threshold(),
                near.watchlistSnapshot(), near.modelId(), near.engineVersion());
        assertThat(replay(proposal(wrongHash), proposal(far)))
                .hasSize(2)
                .anySatisfy(d -> assertThat(d).isInstanceOf(Discrepancy.Extra.class))
                .anySatisfy(d -> assertThat(d).isEqualTo(new Discrepancy.Missing(near)));
    }

    @Test
    void inputThatCannotBeALogIsRejected() {
        List<LoggedEvent> backwards = List.of(new LoggedEvent(3, policy(T)), new LoggedEvent(2, policy(T)));
        assertThatThrownBy(() -> ProjectionReplay.compare(backwards))
                .isInstanceOf(ProjectionInputException.class)
                .hasMessage("leaf index 2 <= previous leaf index 3");
    }
}
