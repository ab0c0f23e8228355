package org.oversight.verifier.audit;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.note.Ed25519NoteSigner;

/** Exports for the CLI tests, built with {@link TestLog} (public for the cli test package). */
public final class CliFixtures {
    public static final String ORIGIN = TestLog.ORIGIN;

    private CliFixtures() {}

    public static Ed25519NoteSigner logKey() {
        return TestLog.logKey(TestLog.LOG_SEED);
    }

    public static Ed25519NoteSigner otherLogKey() {
        return TestLog.logKey(TestLog.OTHER_LOG_SEED);
    }

    /** The {@link TestLog#scenario()} log, 14 leaves. */
    public static byte[] cleanExport() {
        return cleanExportSignedBy(logKey());
    }

    public static byte[] cleanExportSignedBy(Ed25519NoteSigner key) {
        return TestLog.export(TestLog.scenario().leaves(), key);
    }

    /** The signed checkpoint over the scenario's first {@code size} leaves, as a state file holds it. */
    public static byte[] checkpointOfPrefix(int size) {
        return TestLog.checkpoint(TestLog.scenario().leaves().subList(0, size), logKey()).toBytes();
    }

    /** {@link TestLog#undersizedAttestation()}: honest but for R7 at its match. */
    public static byte[] undersizedAttestationExport() {
        return TestLog.export(TestLog.undersizedAttestation().leaves(), logKey());
    }

    /** The scenario with its first review dropped, checkpoint re-signed over the remaining leaves. */
    public static byte[] droppedEventExport() {
        List<byte[]> leaves = TestLog.scenario().leaves();
        leaves.remove(TestLog.FIRST_REVIEW);
        return TestLog.export(leaves, logKey());
    }

    /** A valid 14-leaf log that shares the scenario's first 11 leaves and then differs. */
    public static byte[] rewrittenExport() {
        TestLog original = TestLog.scenario();
        TestLog fork = new TestLog();
        for (int i = 0; i < TestLog.SECOND_REVIEW; i++) {
            fork.append(original.event(i));
        }
        fork.append(new MatchReviewed(TestLog.MATCH, Verdict.REJECT, "different person"),
                EventFixtures.SECOND_REVIEWER_SEED);
        fork.append(TestLog.secondDetection(), EventFixtures.CAMERA_SEED);
        // reviewer-1 already reviewed the match: another review by it would be an R1 violation
        fork.append(TestLog.secondDetection(), EventFixtures.CAMERA_SEED);
        return TestLog.export(new ArrayList<>(fork.leaves()), logKey());
    }

    /** The scenario's genesis authority key, as the authorities publish it ({@code ed25519:<base64>}). */
    public static String authorityKey() {
        return ChainSigner.key(EventFixtures.AUTHORITY_SEED).publicKey().toText();
    }

    /** Another authority key, never declared in the scenario. */
    public static String otherAuthorityKey() {
        return ChainSigner.key(EventFixtures.SECOND_AUTHORITY_SEED).publicKey().toText();
    }

    /**
     * A whole fabricated history signed with the real log key: a self-signed authority of seed
     * {@code authoritySeed} declares itself and enrols an officer and a reviewer. Every event and
     * the checkpoint verify; only the trust anchor is not the real authority's.
     */
    public static byte[] fabricatedHistoryExport(int authoritySeed) {
        TestLog log = new TestLog();
        log.append(new AuthorityDeclared("authority-1", "Board", ChainSigner.key(authoritySeed).publicKey()),
                authoritySeed);
        log.append(new KeyEnrolled("officer-7", Role.OFFICER, ChainSigner.key(EventFixtures.OFFICER_SEED).publicKey()),
                authoritySeed);
        log.append(new KeyEnrolled("reviewer-1", Role.REVIEWER,
                ChainSigner.key(EventFixtures.REVIEWER_SEED).publicKey()), authoritySeed);
        return TestLog.export(log.leaves(), logKey());
    }

    /** A log holding only the scenario's genesis declaration: genesis is still open at its end. */
    public static byte[] genesisOpenExport() {
        return TestLog.export(TestLog.scenario().leaves().subList(0, 1), logKey());
    }
}
