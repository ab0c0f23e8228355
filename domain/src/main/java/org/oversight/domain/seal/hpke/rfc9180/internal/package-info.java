/**
 * Bouncy Castle behind the RFC 9180 wrapper; nothing outside {@code seal.hpke.rfc9180} uses it.
 */
package org.oversight.domain.seal.hpke.rfc9180.internal;
