-- Ledger core tables (sequencer, checkpoints, biometric read audit). Idempotent: run on every start.
CREATE TABLE IF NOT EXISTS ledger_leaf (
    leaf_index  BIGINT PRIMARY KEY CHECK (leaf_index >= 0),
    event_id    TEXT   NOT NULL UNIQUE,
    event_hash  BYTEA  NOT NULL UNIQUE CHECK (octet_length(event_hash) = 32),
    stream      TEXT   NOT NULL,
    seq         BIGINT NOT NULL CHECK (seq >= 0),
    leaf_bytes  BYTEA,
    UNIQUE (stream, seq)
);
-- NULL leaf_bytes: the envelope is stored once, as the payload of the stream aggregate's Axon event
-- (same database, same transaction; see LeafStore). Tables created before that was allowed:
ALTER TABLE ledger_leaf ALTER COLUMN leaf_bytes DROP NOT NULL;
-- Hashes of perfect subtrees at tree levels 8, 16, 24, ... (tile levels 1, 2, 3, ...); level 0 is ledger_leaf.event_hash.
CREATE TABLE IF NOT EXISTS ledger_tree_node (
    level       INT    NOT NULL CHECK (level > 0 AND level % 8 = 0),
    node_index  BIGINT NOT NULL CHECK (node_index >= 0),
    hash        BYTEA  NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, node_index)
);
-- The sequencer's position and Merkle state; exactly one row, updated in the same transaction as the leaves.
CREATE TABLE IF NOT EXISTS ledger_sequencer (
    id            INT    PRIMARY KEY CHECK (id = 1),
    tree_size     BIGINT NOT NULL CHECK (tree_size >= 0),
    compact_range BYTEA  NOT NULL,
    root          BYTEA  NOT NULL CHECK (octet_length(root) = 32)
);
CREATE TABLE IF NOT EXISTS ledger_checkpoint (
    tree_size   BIGINT      PRIMARY KEY CHECK (tree_size >= 0),
    root        BYTEA       NOT NULL CHECK (octet_length(root) = 32),
    signed_note TEXT        NOT NULL,
    signed_at   TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_biometric_read (
    id          BIGSERIAL   PRIMARY KEY,
    read_at     TIMESTAMPTZ NOT NULL,
    principal   TEXT        NOT NULL,
    resource    TEXT        NOT NULL,
    leaf_index  BIGINT
);
