package org.oversight.ledger.storage;

import org.oversight.ledger.storage.postgres.DataDirectoryInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second ledger on a data directory in use: Spring Boot prints the one-line reason instead of a
 * stack trace, and the process exits at once, before it touches PostgreSQL.
 */
public class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the other ledger, or start this one with another oversight.data-dir.", cause);
    }
}
