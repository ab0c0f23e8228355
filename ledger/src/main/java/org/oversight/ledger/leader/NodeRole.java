package org.oversight.ledger.leader;

/** The role of a ledger node when leadership is on. */
public enum NodeRole {
    /** Holds the lease: runs ingest, sequencer, checkpointer and recognition processor. */
    LEADER,
    /** Serves reads from the shared database; answers writes with a 503 problem. */
    FOLLOWER
}
