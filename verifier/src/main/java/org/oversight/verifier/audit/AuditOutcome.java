package org.oversight.verifier.audit;

import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.verifier.report.VerificationReport;

/**
 * The result of an audit.
 *
 * @param report what was checked and every violation found
 * @param checkpointToRemember the export's checkpoint if and only if every check held: the one
 *     the caller may store as its new trusted state; empty after any violation (fail closed)
 */
public record AuditOutcome(VerificationReport report, Optional<SignedCheckpoint> checkpointToRemember) {
    public AuditOutcome {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(checkpointToRemember, "checkpointToRemember");
        if (checkpointToRemember.isPresent() && !report.passed()) {
            throw new IllegalArgumentException("a failed audit yields no checkpoint to remember");
        }
    }
}
