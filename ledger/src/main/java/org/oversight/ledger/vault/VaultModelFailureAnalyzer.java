package org.oversight.ledger.vault;

import org.oversight.recognition.assets.AssetCache;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A ledger that must check enrolment crops but has no usable face model: Spring Boot prints the
 * one-line reason (the property and the directory) and what to do, instead of a stack trace.
 */
public class VaultModelFailureAnalyzer extends AbstractFailureAnalyzer<VaultModelUnavailableException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, VaultModelUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(), "Fetch the model with " + AssetCache.FETCH_SCRIPT
                + " or set oversight.vault.model-dir to a face-api 1.7.15 model directory;"
                + " oversight.vault.derive-enrolments=false is for synthetic runs only (ops/sim.sh).", cause);
    }
}
