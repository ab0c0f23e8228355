-- Leadership (docs/ledger.md "Leadership"): the lease epoch every log write is fenced on, and who holds it.
-- Idempotent: run on every start by every node. The epoch only grows; a node becoming leader increments it.
CREATE TABLE IF NOT EXISTS ledger_leader (
    id       INT         PRIMARY KEY CHECK (id = 1),
    epoch    BIGINT      NOT NULL CHECK (epoch >= 0),
    node_id  TEXT        NOT NULL,
    url      TEXT,
    since    TIMESTAMPTZ NOT NULL
);
INSERT INTO ledger_leader (id, epoch, node_id, url, since) VALUES (1, 0, '', NULL, now()) ON CONFLICT (id) DO NOTHING;
