/**
 * The city-scale simulation's cross-log check (docs/scale.md, {@code ops/scale-sim.sh}): several
 * ledgers, one per district, must carry the same authority-signed events; {@code CrossLogCheck}
 * compares their exports (docs/scale.md §4): the same city-scope events, byte for byte, in the same order.
 */
package org.oversight.ops.scale;
