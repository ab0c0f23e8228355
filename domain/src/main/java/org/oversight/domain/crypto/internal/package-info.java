/**
 * The one place that touches Bouncy Castle's Ed25519 (its low-level static functions, measured
 * fastest on this hardware). Not API: callers use {@link org.oversight.domain.crypto}. Spec:
 * docs/format.md §2.1.
 */
package org.oversight.domain.crypto.internal;
