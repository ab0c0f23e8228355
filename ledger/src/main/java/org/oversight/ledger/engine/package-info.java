/**
 * The recognition engine inside the service: runs the pure recognition projection over committed
 * leaves in leaf order and appends its decisions as {@code MatchProposed} events signed by the
 * engine key, exactly once (derived ids, position stored with the append). Spec: docs/format.md
 * §9.8, docs/ledger.md §8.
 */
package org.oversight.ledger.engine;
