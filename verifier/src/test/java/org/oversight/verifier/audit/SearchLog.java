package org.oversight.verifier.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.recognition.projection.SearchScores;
import org.oversight.recognition.projection.WatchedEntry;

/**
 * A log with a retrospective search (docs/format.md §4.10, rule R4) over sealed detections, signed
 * with every key (the adversary's position): the {@link TestLog#scenario} principals and a
 * schema-2 policy whose {@code searchAuthorisationMs} is {@value #WINDOW_MS} ms (events are one
 * second apart), camera, entry wl-2026-0001 of person A; an erasure epoch; person A detected
 * (sealed) and the match the projection derives; person B detected (sealed); then search
 * {@value #SEARCH} for the entry over the epoch's hour, requested by the officer. The tests append
 * the Performed and what follows.
 */
final class SearchLog {
    static final String SEARCH = "s-1";
    static final long WINDOW_MS = 5_000;
    final TestLog log = new TestLog();
    final BiometricRecord recordA = SealedLog.record(TestLog.personASeenByCamera(), 1);
    final BiometricRecord recordB = SealedLog.record(TestLog.personB(), 2);
    final SignedEvent detectionA;
    final SignedEvent detectionB;
    final MatchProposed match;
    final long leafA;
    final long leafB;
    private final WatchedEntry entry;
    private int fillers;

    SearchLog(String captureFrom, String captureUntil) {
        RecognitionPolicySet p = EventFixtures.recognitionPolicySet().withRetention(
                new RetentionTerms(183, 30, 86_400_000).withSearchAuthorisationMs(WINDOW_MS));
        TestLog scenario = TestLog.scenario(p);
        for (int i = 0; i < 8; i++) { // principals, policy, camera, entry wl-2026-0001 of person A
            log.append(scenario.event(i));
        }
        entry = WatchedEntry.of(log.event(7).eventHash(), (WatchlistEntryAuthorized) log.event(7).payload());
        log.append(EventFixtures.erasureEpochOpened(), EventFixtures.AUTHORITY_SEED);
        leafA = log.size();
        detectionA = log.append(SealedLog.sealed(TestLog.firstDetection(), recordA), EventFixtures.CAMERA_SEED);
        match = derive((int) leafA);
        log.append(match, EventFixtures.ENGINE_SEED);
        leafB = log.size();
        detectionB = log.append(SealedLog.sealed(TestLog.secondDetection(), recordB), EventFixtures.CAMERA_SEED);
        log.append(new RetrospectiveSearchRequested(SEARCH, "wl-2026-0001", EventFixtures.time(captureFrom),
                EventFixtures.time(captureUntil), "INC-2026-901", "newly listed; seen near the station"),
                EventFixtures.OFFICER_SEED);
    }

    /** The search over the whole epoch hour. */
    SearchLog() {
        this("2026-11-27T09:00:00.000Z", "2026-11-27T10:00:00.000Z");
    }

    /** What the engine holds: both records (it unseals within the epoch). */
    SealedRecordSource engine() {
        return (ref, event) -> {
            BiometricRecord r = event.payload() instanceof SealedFaceDetected d
                    ? (d.sealed().commitment().equals(recordA.commitment()) ? recordA
                            : d.sealed().commitment().equals(recordB.commitment()) ? recordB : null) : null;
            return r == null ? RecordAvailability.withheld("unknown")
                    : RecordAvailability.available(r.template(), r.landmarks());
        };
    }

    /** The projection's one decision for the detection at {@code leaf}, with the engine's records. */
    private MatchProposed derive(int leaf) {
        ProjectionState state = ProjectionState.initial();
        try {
            for (int i = 0; i < leaf; i++) {
                state = RecognitionProjection.apply(state, i, log.event(i), engine()).state();
            }
            List<MatchProposed> d = RecognitionProjection.apply(state, leaf, log.event(leaf), engine()).decisions();
            if (d.size() != 1) {
                throw new AssertionError(d.size() + " decisions");
            }
            return d.get(0);
        } catch (ProjectionInputException e) {
            throw new AssertionError(e);
        }
    }

    DetectionRef refA() {
        return new DetectionRef(detectionA.eventHash(), leafA);
    }

    DetectionRef refB() {
        return new DetectionRef(detectionB.eventHash(), leafB);
    }

    /** B's score against the entry, by the one score function (above the threshold: person B is not A). */
    long scoreB() {
        OptionalLong s = SearchScores.score(entry, recordB.template(), match.modelId());
        return s.orElseThrow();
    }

    /** The honest Performed: S = {A, B}; one hit, A, with the score of its match (the projection's). */
    RetrospectiveSearchPerformed honest() {
        if (SearchScores.score(entry, recordA.template(), match.modelId()).orElseThrow() != match.score()
                || scoreB() <= match.threshold()) {
            throw new AssertionError("the fixture's scores are not what the test assumes");
        }
        return performed(2, new SearchHit(refA(), match.score()));
    }

    RetrospectiveSearchPerformed performed(long searched, SearchHit... hits) {
        return new RetrospectiveSearchPerformed(SEARCH, searched, List.of(hits), match.threshold(), match.modelId(),
                "oversight-engine/1");
    }

    SignedEvent append(EventPayload payload, int seed) {
        return log.append(payload, seed);
    }

    /** An event with no bearing on searches (a key enrolment), to let time pass: one second each. */
    SignedEvent filler() {
        int n = fillers++;
        return log.append(new KeyEnrolled("officer-f" + n, Role.OFFICER, ChainSigner.key(40 + n).publicKey()),
                EventFixtures.AUTHORITY_SEED);
    }

    /** An audit disclosure of A's and B's records by the authority. */
    SignedEvent discloseBoth() {
        return log.append(new RecordDisclosed("d-audit-1", List.of(refA(), refB()), DisclosurePurpose.AUDIT,
                "AUDIT-2026-Q4", "Auditor: Privacy Commissioner"), EventFixtures.AUTHORITY_SEED);
    }

    List<RecordsFile.Entry> records(boolean a, boolean b) {
        List<RecordsFile.Entry> out = new ArrayList<>();
        if (a) {
            out.add(new RecordsFile.Entry(refA(), recordA));
        }
        if (b) {
            out.add(new RecordsFile.Entry(refB(), recordB));
        }
        return out;
    }

    long size() {
        return log.size();
    }
}
