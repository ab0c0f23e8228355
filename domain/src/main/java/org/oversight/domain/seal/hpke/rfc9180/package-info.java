/**
 * RFC 9180 HPKE, base mode, for the one suite Oversight uses to wrap record data keys:
 * DHKEM(X25519, HKDF-SHA256) (0x0020), HKDF-SHA256 (0x0001), ChaCha20-Poly1305 (0x0003); and the
 * RFC 8439 ChaCha20-Poly1305 AEAD the sealed record itself uses (docs/format.md §12). Checked
 * against RFC 9180 Appendix A.2 ({@code Rfc9180VectorsTest}).
 */
package org.oversight.domain.seal.hpke.rfc9180;
