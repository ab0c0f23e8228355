package org.oversight.ledger.sequencer;

/**
 * Decides whether this process may write the log, and fences its writes so that a process that
 * lost the right to write (a paused or partitioned ex-leader) can never commit one.
 *
 * <p>{@link #check()} runs inside every transaction that moves the sequencer state or stores a
 * signed checkpoint, before anything of it is written; it throws to roll the transaction back.
 * An implementation backed by the database must make the check hold until the transaction ends
 * (e.g. a share lock on the row a new leader must update to take over), so a takeover and a stale
 * write are strictly ordered: the stale write either commits before the takeover completes (and the
 * new leader continues from it) or fails.
 */
public interface SequencerFence {
    /** The single-node default: this process is the only writer; nothing to check. */
    SequencerFence SOLE_WRITER = new SequencerFence() {
        @Override
        public boolean mayWrite() {
            return true;
        }

        @Override
        public void check() {}

        @Override
        public String toString() {
            return "sole writer";
        }
    };

    /** Whether this process currently believes it is the writer (cheap; no database access). */
    boolean mayWrite();

    /**
     * Verifies, inside the caller's transaction, that this process still holds the right to write.
     *
     * @throws FencedWriteException if it does not; the caller's transaction must roll back
     */
    void check();
}
