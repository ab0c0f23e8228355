/**
 * Policy rules R1, R2, R3, R6 and R7 (docs/design.md §7; exact evaluation in docs/rules.md) as a pure,
 * deterministic state machine over the accepted events of a log in leaf order. No clock: every
 * time comparison is between timestamps inside signed events. Every judgement about a match is made
 * at its detection's leaf (docs/rules.md "Reference points"). The one implementation: the ledger's
 * ingest, {@code verifier audit}, {@code verifier bundle} and {@code verifier witness} all use it.
 */
package org.oversight.domain.policy;
