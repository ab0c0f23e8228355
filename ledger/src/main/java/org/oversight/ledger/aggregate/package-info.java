/**
 * One Axon aggregate per stream: each checks an envelope against its stream (sequence, previous
 * hash, placement in the stream) and against the cross-stream registry (signer key valid at the
 * leaf, role permitted), then applies the envelope unchanged. The serializer stores each
 * envelope's canonical bytes once. Spec: docs/format.md §5 (chains, keys along the log),
 * docs/ledger.md §1.
 */
package org.oversight.ledger.aggregate;
