/**
 * Policy rules R1, R2, R3 and R6 (docs/design.md §7; exact evaluation in docs/rules.md) as a pure,
 * deterministic state machine over the accepted events of a log in leaf order. No clock: every
 * time comparison is between timestamps inside signed events.
 */
package org.oversight.domain.policy;
