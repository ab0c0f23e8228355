/**
 * The event catalogue, version 1, and the signed envelope: validated payload records, the header,
 * canonical parsing and signing, event hashes, stream ids and the principals' signing roles. Every
 * instance is valid by construction; invalid bytes give an {@link
 * org.oversight.domain.event.InvalidEventException} naming the member path and value. Spec:
 * docs/format.md §3 (envelope) and §4 (catalogue).
 */
package org.oversight.domain.event;
