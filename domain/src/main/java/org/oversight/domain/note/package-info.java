/**
 * C2SP signed notes: text rules (strict UTF-8, no control characters), key names, Ed25519 note
 * signer and verifier keys with their text forms and key ids, signature lines, and the
 * verification rules (unknown keys ignored, a failing known key rejects). {@link
 * org.oversight.domain.note.VerifiedNote} is the only proof a note was verified. Spec:
 * docs/format.md §2.5 and §8.1, c2sp.org/signed-note.
 */
package org.oversight.domain.note;
