/**
 * Policy rules R1, R2, R3, R4, R5, R6, R7, R8 and R-disclosure (docs/design.md §7; exact evaluation in
 * docs/rules.md) as a pure, deterministic state machine over the accepted events of a log in leaf
 * order. No clock: every time comparison is between timestamps inside signed events. Every judgement about a match is made
 * at its detection's leaf (docs/rules.md "Reference points"). The one implementation: the ledger's
 * ingest (the two-confirmation floor; {@link org.oversight.domain.policy.DisclosureRules} is ready for
 * its disclosure check), {@code verifier audit}, {@code verifier bundle} and {@code verifier witness}
 * use it.
 */
package org.oversight.domain.policy;
