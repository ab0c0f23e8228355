/**
 * General RFC 8785 canonicalisation (floating point included) and ECMAScript number formatting: a
 * reference the tests use to check that the domain's canonical encoder produces RFC 8785 bytes.
 * Signed content itself carries no floating point. Not API. Spec: docs/format.md §1, RFC 8785
 * §3.2.2.3.
 */
package org.oversight.domain.json.internal;
