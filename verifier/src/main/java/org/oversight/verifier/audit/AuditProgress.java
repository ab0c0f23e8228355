package org.oversight.verifier.audit;

/** Told how far an audit has got, for a progress display; never influences the result. */
@FunctionalInterface
public interface AuditProgress {
    /** No display. */
    AuditProgress NONE = (done, total) -> {};

    /** Called every {@link LogAuditor#PROGRESS_INTERVAL} leaves and after the last one. */
    void leavesRead(long done, long total);
}
