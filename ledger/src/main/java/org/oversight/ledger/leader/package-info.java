/**
 * Several ledger nodes, one writer: a PostgreSQL advisory-lock lease, an epoch fence checked
 * inside every log write, followers that serve reads and answer writes with a 503 problem naming
 * the leader, and takeover that reloads state before writing. Spec: docs/ledger.md §10.
 */
package org.oversight.ledger.leader;
