/**
 * The C2SP tlog-tiles layout (https://c2sp.org/tlog-tiles) of the log: tile coordinates and paths,
 * tile contents (concatenated hashes) and entry bundles (docs/format.md §7.3–§7.4). The ledger serves
 * the log in this layout and {@code verifier witness} reads entry bundles from it.
 *
 * <p>All functions here are pure: they neither fetch nor store.
 */
package org.oversight.domain.merkle.tiles;
