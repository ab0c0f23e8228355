/**
 * Principals, roles and keys (docs/format.md §4.2, §5.4): the permission matrix, and a pure state
 * machine over events in log order that knows which key was valid for which principal and role
 * at every leaf index, including the genesis rule for authorities.
 */
package org.oversight.domain.principal;
