/**
 * RFC 9457 problem details: every rule the ledger can reject a request for, with its type URI and
 * status, and the handler that turns every error into {@code application/problem+json}. Spec:
 * docs/ledger.md §1 and §3.
 */
package org.oversight.ledger.web;
