/**
 * Retrospective searches' results (rule R4): {@code GET /v1/searches/{id}} for the officer who
 * requested a search and for authorities. The engine performs and destroys searches
 * ({@code org.oversight.ledger.engine.RetrospectiveSearcher}). Spec: docs/ledger.md "Retrospective
 * searches", docs/format.md §4.10.
 */
package org.oversight.ledger.search;
