/**
 * The recognition projection (docs/format.md §9.8): a pure, deterministic state machine over the
 * events of the log, in log order. State: the recognition policy in force and the watchlist
 * entries authorised and not withdrawn. Output: the {@code MatchProposed} payloads the engine must
 * append — derived match ids, watchlist snapshot roots (RFC 9162 over the active entries sorted by
 * id), scores as exact squared template distances (lower is closer; a match has
 * {@code score <= threshold}).
 *
 * <p>The ledger runs {@link org.oversight.recognition.projection.RecognitionProjection} and signs
 * its outputs with the engine key; the verifier runs the same projection over the same events
 * (its {@code ProjectionAudit}, incrementally, using
 * {@link org.oversight.recognition.projection.ProjectionReplay#differences} to compare field by
 * field) and requires exactly the logged proposals — none missing, none extra, none altered.
 */
package org.oversight.recognition.projection;
