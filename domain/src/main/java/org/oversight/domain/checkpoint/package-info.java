/**
 * C2SP tlog-checkpoint bodies (origin, tree size, RFC 6962 root, extension lines) and checkpoints
 * in a C2SP signed note: parsing, signing with the log key, and verification that a checkpoint is
 * the expected log's. Spec: docs/format.md §8.
 */
package org.oversight.domain.checkpoint;
