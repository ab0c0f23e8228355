/**
 * Implementation details of {@link org.oversight.domain.merkle.rfc6962}: byte-array hashing and the
 * proof verification algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2. Not an API: use the public
 * verifiers, which take typed {@link org.oversight.domain.crypto.Sha256Digest} values.
 */
package org.oversight.domain.merkle.rfc6962.internal;
