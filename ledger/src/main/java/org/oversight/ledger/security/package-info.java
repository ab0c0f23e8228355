/**
 * Who may call what: bearer-token API credentials (salted hashes on disk, secrets never stored),
 * the API roles, and the Spring Security configuration. Every write is additionally authorised by
 * its event signature, which this package does not replace. Spec: docs/ledger.md §5.
 */
package org.oversight.ledger.security;
