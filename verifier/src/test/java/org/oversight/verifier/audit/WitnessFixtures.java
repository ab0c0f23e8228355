package org.oversight.verifier.audit;

import java.util.List;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.RetentionTerms;

/** Logs for the witness tests (other packages), built from {@link TestLog}'s scenario. */
public final class WitnessFixtures {
    /** Leaves in {@link #honest()} up to and including the first review of the match. */
    public static final int BEFORE_ACTION = TestLog.FIRST_REVIEW + 1;

    private WitnessFixtures() {}

    /** {@link TestLog#scenario()}'s {@value TestLog#SCENARIO_SIZE} leaves: every rule holds. */
    public static List<byte[]> honest() {
        return TestLog.scenario().leaves();
    }

    /**
     * {@link #honest()} under a schema-2 policy whose {@code maxReportingDelayMs} is
     * {@value #TIMED_DELAY_MS} (rule R11): detections at leaf {@value #TIMED_FIRST_DETECTION}
     * (captured 2026-11-27T09:30:00.040Z) and {@value #TIMED_SECOND_DETECTION} (09:31:00.000Z).
     */
    public static List<byte[]> timed() {
        return TestLog.scenario(EventFixtures.recognitionPolicySet()
                .withRetention(new RetentionTerms(183, 90, TIMED_DELAY_MS))).leaves();
    }

    public static final long TIMED_DELAY_MS = 300_000;

    /** The erasure epoch of {@link #withEpoch()}. */
    public static final String EPOCH = EventFixtures.EPOCH;

    /**
     * {@link #honest()}, then {@code ErasureEpochOpened} (EventFixtures': a vault and a witness
     * recipient, authority-signed) and its {@code ErasureEpochClosed} with nothing kept (engine-signed).
     */
    public static List<byte[]> withEpoch() {
        TestLog log = TestLog.scenario();
        log.append(EventFixtures.erasureEpochOpened(), EventFixtures.AUTHORITY_SEED);
        log.append(new ErasureEpochClosed(EPOCH, List.of(), 0), EventFixtures.ENGINE_SEED);
        return log.leaves();
    }
    public static final int TIMED_FIRST_DETECTION = TestLog.FIRST_DETECTION;
    public static final int TIMED_SECOND_DETECTION = TestLog.SCENARIO_SIZE - 1;

    /**
     * The first {@link #BEFORE_ACTION} leaves of {@link #honest()}, then the action on the match after
     * one confirmation only: an R1 violation at leaf {@link #BEFORE_ACTION}.
     */
    public static List<byte[]> unconfirmedAction() {
        TestLog full = TestLog.scenario();
        TestLog log = new TestLog();
        for (int i = 0; i < BEFORE_ACTION; i++) {
            log.append(full.event(i));
        }
        log.append(TestLog.action(TestLog.MATCH), EventFixtures.OFFICER_SEED);
        return log.leaves();
    }

    /** An export of {@code leaves} under {@code checkpoint} (docs/format.md §10). */
    public static byte[] export(List<byte[]> leaves, SignedCheckpoint checkpoint) {
        return TestLog.export(leaves, checkpoint);
    }
}
