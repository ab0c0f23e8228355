package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.recognition.projection.ProjectionFixtures.detection;
import static org.oversight.recognition.projection.ProjectionFixtures.entry;
import static org.oversight.recognition.projection.ProjectionFixtures.flat;
import static org.oversight.recognition.projection.ProjectionFixtures.policy;
import static org.oversight.recognition.projection.ProjectionFixtures.proposal;
import static org.oversight.recognition.projection.ProjectionFixtures.withdrawal;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.testing.Unchecked;

/**
 * Random logs (policies, entries, withdrawals, detections) with the engine's own proposals appended
 * at random later positions replay with no discrepancy; dropping one proposal or replacing it with
 * an altered copy gives exactly one discrepancy of the right kind.
 */
class ProjectionReplayPropertyTest {
    @Test
    void engineOutputReplaysCleanlyAndEverySingleTamperingIsFound() {
        AtomicInteger withProposals = new AtomicInteger();
        qt().withExamples(40).withFixedSeed(4801L)
                .forAll(longs().all())
                .checkAssert(seed -> Unchecked.run(() -> {
                    Random r = new Random(seed);
                    List<LoggedEvent> engineLog = engineLog(r);
                    assertThat(ProjectionReplay.compare(engineLog)).isEmpty();

                    List<Integer> proposals = new ArrayList<>();
                    for (int i = 0; i < engineLog.size(); i++) {
                        if (engineLog.get(i).event().payload() instanceof MatchProposed) {
                            proposals.add(i);
                        }
                    }
                    if (proposals.isEmpty()) {
                        return;
                    }
                    withProposals.incrementAndGet();
                    int victim = proposals.get(r.nextInt(proposals.size()));
                    MatchProposed original = (MatchProposed) engineLog.get(victim).event().payload();

                    List<LoggedEvent> dropped = new ArrayList<>(engineLog);
                    dropped.remove(victim); // leaf indices keep a gap, which the projection allows
                    assertThat(ProjectionReplay.compare(dropped)).containsExactly(new Discrepancy.Missing(original));

                    MatchProposed altered = new MatchProposed(original.match(), original.detection(),
                            original.candidateEntry(), original.score(), original.threshold() - 1 - r.nextInt(1000),
                            original.watchlistSnapshot(), original.modelId(), original.engineVersion());
                    List<LoggedEvent> tampered = new ArrayList<>(engineLog);
                    tampered.set(victim, new LoggedEvent(engineLog.get(victim).leafIndex(), proposal(altered)));
                    List<Discrepancy> found = ProjectionReplay.compare(tampered);
                    assertThat(found).hasSize(1);
                    assertThat(((Discrepancy.Differing) found.get(0)).fields())
                            .extracting(Discrepancy.FieldDifference::field).containsExactly("threshold");
                }));
        assertThat(withProposals.get()).as("examples with proposals to tamper with").isGreaterThan(20);
    }

    /** A random log in which the engine appends each detection's proposals at random later leaves. */
    private static List<LoggedEvent> engineLog(Random r) throws Exception {
        List<SignedEvent> base = new ArrayList<>();
        List<String> authorised = new ArrayList<>();
        int steps = 10 + r.nextInt(20);
        for (int i = 0; i < steps; i++) {
            int kind = r.nextInt(10);
            if (kind == 0) {
                base.add(policy(r.nextInt(6000)));
            } else if (kind <= 3) {
                String id = "wl-" + i;
                base.add(entry(id, flat(20, r.nextInt(80)), flat(20, -r.nextInt(80))));
                authorised.add(id);
            } else if (kind == 4 && !authorised.isEmpty()) {
                base.add(withdrawal(authorised.get(r.nextInt(authorised.size()))));
            } else {
                base.add(detection("d" + i, flat(20, r.nextInt(40) - 20)));
            }
        }
        // Run the projection as the engine would, appending its outputs at random later positions.
        List<LoggedEvent> log = new ArrayList<>();
        List<SignedEvent> queue = new ArrayList<>();
        ProjectionState state = ProjectionState.initial();
        long leaf = 0;
        for (SignedEvent e : base) {
            leaf = append(log, leaf, e);
            Step step = RecognitionProjection.apply(state, leaf - 1, e);
            state = step.state();
            for (MatchProposed d : step.decisions()) {
                queue.add(proposal(d));
            }
            while (!queue.isEmpty() && r.nextBoolean()) {
                SignedEvent p = queue.remove(r.nextInt(queue.size()));
                leaf = append(log, leaf, p);
                state = RecognitionProjection.apply(state, leaf - 1, p).state();
            }
        }
        for (SignedEvent p : queue) {
            leaf = append(log, leaf, p);
        }
        return log;
    }

    private static long append(List<LoggedEvent> log, long leaf, SignedEvent e) {
        log.add(new LoggedEvent(leaf, e));
        return leaf + 1;
    }
}
