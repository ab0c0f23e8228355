package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.recognition.projection.ProjectionFixtures.MODEL;
import static org.oversight.recognition.projection.ProjectionFixtures.MODEL_ID;
import static org.oversight.recognition.projection.ProjectionFixtures.detection;
import static org.oversight.recognition.projection.ProjectionFixtures.entry;
import static org.oversight.recognition.projection.ProjectionFixtures.modelId;
import static org.oversight.recognition.projection.ProjectionFixtures.policy;
import static org.oversight.recognition.projection.ProjectionFixtures.signed;
import static org.oversight.recognition.projection.ProjectionFixtures.entryPayload;
import static org.oversight.recognition.projection.ProjectionFixtures.wire;
import static org.oversight.recognition.projection.ProjectionFixtures.withdrawal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.tfjs.ModelId;

/**
 * {@link RecognitionProjection#applyAll} (consecutive detections searched together) gives exactly the
 * steps of {@link RecognitionProjection#apply} one event at a time — same decisions in the same
 * order, same skips, same states — on random logs with runs of detections, ties, several templates
 * per entry, non-comparable templates, windows, withdrawals, policy changes and skips of every kind.
 */
class BatchedProjectionPropertyTest {
    private static final String DURING = ProjectionFixtures.DURING;
    private static final String AFTER_WINDOW = "2026-12-05T00:00:00.000Z";
    private static final ModelId OTHER_EMBEDDED = modelId(0x32);
    private static final SealedRecordSource NEVER_ASKED = (ref, event) -> {
        throw new AssertionError("records source asked for the schema-1 detection at leaf " + ref.leafIndex());
    };

    @Test
    void batchedStepsEqualOneAtATimeOnRandomLogs() throws Exception {
        int decisions = 0, detections = 0, longestRun = 0, proposalsInLogs = 0;
        Set<SkipReason> skips = EnumSet.noneOf(SkipReason.class);
        for (long seed = 1; seed <= 25; seed++) {
            Random r = new Random(seed);
            List<LoggedEvent> log = randomLog(r);
            List<Step> expected = new ArrayList<>();
            ProjectionState state = ProjectionState.initial();
            int run = 0;
            for (LoggedEvent e : log) {
                Step step = RecognitionProjection.apply(state, e.leafIndex(), e.event());
                expected.add(step);
                state = step.state();
                decisions += step.decisions().size();
                step.skip().ifPresent(s -> skips.add(s.reason()));
                boolean isDetection = e.event().type() == org.oversight.domain.event.EventType.FACE_DETECTED;
                detections += isDetection ? 1 : 0;
                run = isDetection ? run + 1 : 0;
                longestRun = Math.max(longestRun, run);
            }
            assertSameSteps(RecognitionProjection.applyAll(ProjectionState.initial(), log), expected, seed);
            // Schema-1 detections carry their template: a records source is never asked and changes nothing.
            assertSameSteps(RecognitionProjection.applyAll(ProjectionState.initial(), log, NEVER_ASKED), expected, seed);
            List<Step> withSource = new ArrayList<>();
            ProjectionState ws = ProjectionState.initial();
            for (LoggedEvent e : log) {
                Step step = RecognitionProjection.apply(ws, e.leafIndex(), e.event(), NEVER_ASKED);
                withSource.add(step);
                ws = step.state();
            }
            assertSameSteps(withSource, expected, seed);
            // Any split into consecutive calls, each continuing from the last state, gives the same steps.
            List<Step> chunked = new ArrayList<>();
            ProjectionState s = ProjectionState.initial();
            for (int from = 0; from < log.size(); ) {
                int to = Math.min(log.size(), from + 1 + r.nextInt(12));
                List<Step> part = RecognitionProjection.applyAll(s, log.subList(from, to));
                chunked.addAll(part);
                s = part.get(part.size() - 1).state();
                from = to;
            }
            assertSameSteps(chunked, expected, seed);
            // With the engine's proposals in the log (events that only advance the leaf index) runs of
            // detections span them: the same steps again.
            List<LoggedEvent> withProposals = new ArrayList<>();
            long leaf = 0;
            for (int i = 0; i < log.size(); i++) {
                withProposals.add(new LoggedEvent(leaf++, log.get(i).event()));
                for (org.oversight.domain.event.MatchProposed d : expected.get(i).decisions()) {
                    if (r.nextBoolean()) {
                        withProposals.add(new LoggedEvent(leaf++, ProjectionFixtures.proposal(d)));
                    }
                }
            }
            List<Step> oneAtATime = new ArrayList<>();
            ProjectionState p = ProjectionState.initial();
            for (LoggedEvent e : withProposals) {
                Step step = RecognitionProjection.apply(p, e.leafIndex(), e.event());
                oneAtATime.add(step);
                p = step.state();
            }
            assertSameSteps(RecognitionProjection.applyAll(ProjectionState.initial(), withProposals), oneAtATime, seed);
            proposalsInLogs += withProposals.size() - log.size();
        }
        assertThat(proposalsInLogs).as("proposals in the logs").isGreaterThan(100);
        assertThat(decisions).as("decisions").isGreaterThan(300);
        assertThat(detections).isGreaterThan(400);
        assertThat(longestRun).isGreaterThanOrEqualTo(10);
        assertThat(skips).as("skip reasons seen").contains(SkipReason.NO_POLICY, SkipReason.MODEL_MISMATCH,
                SkipReason.MALFORMED_TEMPLATE, SkipReason.FORMAT_MISMATCH);
    }

    @Test
    void aLeafIndexOutOfOrderInsideARunFailsAsOneAtATimeDoes() throws Exception {
        FaceTemplate t = variation(new Random(3), base(new Random(4)), 2);
        List<LoggedEvent> log = List.of(new LoggedEvent(0, policy(5000)), new LoggedEvent(1, entry("wl-a", t)),
                new LoggedEvent(2, detection("a", t)), new LoggedEvent(5, detection("b", t)),
                new LoggedEvent(5, detection("c", t)));
        ProjectionState state = ProjectionState.initial();
        for (LoggedEvent e : log.subList(0, 4)) {
            state = RecognitionProjection.apply(state, e.leafIndex(), e.event()).state();
        }
        ProjectionState before = state;
        assertThatThrownBy(() -> RecognitionProjection.apply(before, 5, log.get(4).event()))
                .isInstanceOf(ProjectionInputException.class).hasMessage("leaf index 5 <= previous leaf index 5");
        assertThatThrownBy(() -> RecognitionProjection.applyAll(ProjectionState.initial(), log))
                .isInstanceOf(ProjectionInputException.class).hasMessage("leaf index 5 <= previous leaf index 5");
    }

    private static void assertSameSteps(List<Step> actual, List<Step> expected, long seed) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Step a = actual.get(i), e = expected.get(i);
            assertThat(a.decisions()).as("seed %d step %d decisions", seed, i).isEqualTo(e.decisions());
            assertThat(a.skip()).as("seed %d step %d skip", seed, i).isEqualTo(e.skip());
            assertThat(a.state().lastLeafIndex()).isEqualTo(e.state().lastLeafIndex());
            assertThat(a.state().policy()).isEqualTo(e.state().policy());
            assertThat(a.state().entries().keySet()).isEqualTo(e.state().entries().keySet());
        }
    }

    private static List<LoggedEvent> randomLog(Random r) throws Exception {
        List<FaceTemplate> bases = List.of(base(r), base(r), base(r));
        List<SignedEvent> events = new ArrayList<>();
        List<String> authorised = new ArrayList<>();
        List<FaceTemplate> used = new ArrayList<>();
        boolean policySet = false;
        int n = 0;
        while (events.size() < 60) {
            int kind = r.nextInt(12);
            if (kind == 0 || (!policySet && events.size() > 4 && kind < 3)) {
                long threshold = new long[] {0, 300, 1500, 4000, MatchScore.MAX}[r.nextInt(5)];
                events.add(policy(threshold));
                policySet = true;
            } else if (kind <= 3) {
                // Sometimes many entries at once, so that the watchlist spans more than one block.
                int count = r.nextInt(6) == 0 ? 30 : 1;
                for (int c = 0; c < count; c++) {
                    String id = "wl-" + n++;
                    events.add(randomEntry(r, id, bases, used));
                    authorised.add(id);
                }
            } else if (kind == 4 && !authorised.isEmpty()) {
                events.add(withdrawal(authorised.get(r.nextInt(authorised.size()))));
            } else {
                int run = 1 + r.nextInt(15);
                for (int k = 0; k < run; k++) {
                    events.add(randomDetection(r, "d" + n++, bases, used));
                }
            }
        }
        List<LoggedEvent> log = new ArrayList<>();
        long leaf = 0;
        for (SignedEvent e : events) {
            leaf += 1 + (r.nextInt(5) == 0 ? r.nextInt(3) : 0); // gaps are allowed
            log.add(new LoggedEvent(leaf, e));
        }
        return log;
    }

    private static SignedEvent randomEntry(Random r, String id, List<FaceTemplate> bases, List<FaceTemplate> used)
            throws Exception {
        List<Template> templates = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
            FaceTemplate t = r.nextInt(5) == 0 && !used.isEmpty() ? used.get(r.nextInt(used.size()))
                    : variation(r, bases.get(r.nextInt(bases.size())), 4);
            used.add(t);
            int odd = r.nextInt(12);
            if (odd == 0) {
                templates.add(Template.of(FaceTemplate.of(OTHER_EMBEDDED, t.components()).encode(), 1, MODEL));
            } else if (odd == 1) {
                templates.add(Template.of(t.encode(), 2, MODEL)); // another format: never comparable
            } else {
                templates.add(wire(t));
            }
        }
        WatchlistEntryAuthorized p = entryPayload(id, ProjectionFixtures.FROM,
                r.nextInt(8) == 0 ? "2026-11-20T00:00:00.000Z" : ProjectionFixtures.UNTIL, variation(r, bases.get(0), 1));
        WatchlistEntryAuthorized withTemplates = new WatchlistEntryAuthorized(p.entry(), p.subject(), p.category(),
                p.authorisationRef(), p.authorisedBy(), p.validFrom(), p.validUntil(), templates, p.sourceImageDigest());
        return signed(withTemplates, EventFixtures.OFFICER_SEED, "ev-" + id);
    }

    private static SignedEvent randomDetection(Random r, String name, List<FaceTemplate> bases, List<FaceTemplate> used)
            throws Exception {
        int odd = r.nextInt(20);
        String time = r.nextInt(10) == 0 ? AFTER_WINDOW : DURING;
        if (odd == 0) {
            return detection(name, time, Template.of(new byte[] {1, 2, 3}, 1, MODEL));
        } else if (odd == 1) {
            return detection(name, time, Template.of(base(r).encode(), 1, "other-model@1"));
        } else if (odd == 2) {
            return detection(name, time, Template.of(base(r).encode(), 2, MODEL));
        } else if (odd == 3) {
            return detection(name, time, Template.of(FaceTemplate.of(OTHER_EMBEDDED, base(r).components()).encode(), 1, MODEL));
        }
        FaceTemplate t = r.nextInt(4) == 0 && !used.isEmpty() ? used.get(r.nextInt(used.size()))
                : variation(r, bases.get(r.nextInt(bases.size())), 4);
        return detection(name, time, wire(t));
    }

    private static FaceTemplate base(Random r) throws Exception {
        byte[] c = new byte[128];
        for (int i = 0; i < 128; i++) {
            c[i] = (byte) (r.nextInt(201) - 100);
        }
        return FaceTemplate.of(MODEL_ID, c);
    }

    /** {@code t} with each component moved by at most {@code spread}: scores of a few hundred to a few thousand. */
    private static FaceTemplate variation(Random r, FaceTemplate t, int spread) throws Exception {
        byte[] c = t.components();
        for (int i = 0; i < 128; i++) {
            c[i] = (byte) (c[i] + r.nextInt(2 * spread + 1) - spread);
        }
        return FaceTemplate.of(t.modelId(), c);
    }
}
