/**
 * The ledger's own signing keys (log key for checkpoints, engine key for match proposals) on disk
 * with owner-only permissions, and {@code GET /v1/keys} publishing their public halves for
 * enrolment and for auditors. Spec: docs/ledger.md §4, docs/format.md §2.5 and §8.3.
 */
package org.oversight.ledger.keys;
