/**
 * Sealed biometric records (docs/format.md §12): the record a schema-2 {@code FaceDetected}
 * commits to, its sealing to an erasure epoch's recipients (AEAD under a fresh data key, the key
 * wrapped with RFC 9180 HPKE), the sealed blob the vault stores, and opening with a recipient's
 * epoch key. The leaf keeps only the blob's digest, the commitment and the epoch id, so erasing
 * (destroying the epoch keys) leaves every leaf and proof unchanged.
 */
package org.oversight.domain.seal;
