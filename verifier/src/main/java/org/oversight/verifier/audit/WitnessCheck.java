package org.oversight.verifier.audit;

import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.checkpoint.WitnessQuorumException;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519CosignatureVerifier;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/**
 * R10's witness part in a report (docs/rules.md, R10): the checkpoint used must carry valid C2SP
 * tlog-cosignature/v1 cosignatures from at least K of the named witnesses, evaluated by the domain's
 * {@link WitnessQuorum} (the one implementation, also used by the ledger). Used by
 * {@code verifier audit} and {@code verifier bundle}.
 */
public final class WitnessCheck {
    private WitnessCheck() {}

    /**
     * Adds the check (and, if it fails, a finding) for {@code checkpoint} to {@code report}; on
     * success a fact names each cosigning witness and its time.
     *
     * @return whether the quorum holds
     */
    public static boolean check(VerificationReport report, SignedCheckpoint checkpoint, WitnessQuorum quorum) {
        StringJoiner named = new StringJoiner(", ");
        for (Ed25519CosignatureVerifier w : quorum.witnesses()) {
            named.add(w.keyLabel());
        }
        String subject = "checkpoint of size " + checkpoint.checkpoint().size();
        String method = "valid C2SP tlog-cosignature/v1 lines from at least " + quorum.k() + " of the "
                + quorum.witnesses().size() + " named witnesses (" + named + "); a line by a named witness that"
                + " does not verify rejects the checkpoint (docs/format.md §8.4)";
        try {
            List<Cosignature> cosigned = quorum.verify(checkpoint);
            StringJoiner who = new StringJoiner("; ");
            for (Cosignature c : cosigned) {
                who.add(c.keyLabel() + " at " + Instant.ofEpochSecond(c.timestamp()));
            }
            report.fact("witness cosignatures", cosigned.isEmpty() ? "none required" : who.toString());
            report.check(new Check(Rule.CONSISTENCY, subject, method, true));
            return true;
        } catch (WitnessQuorumException e) {
            report.check(new Check(Rule.CONSISTENCY, subject, method, false));
            report.finding(Finding.global(Rule.CONSISTENCY, "a checkpoint cosigned by at least " + quorum.k() + " of "
                    + named, e.getMessage()));
            return false;
        }
    }
}
