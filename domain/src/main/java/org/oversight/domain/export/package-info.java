/**
 * The log export format: one header line with the signed checkpoint, then the leaves in order,
 * streamed in constant memory in both directions. The reader checks framing only; trust comes from
 * the verifier's checks of the checkpoint and root. Spec: docs/format.md §10.
 */
package org.oversight.domain.export;
