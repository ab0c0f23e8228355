/**
 * The C2SP tlog-tiles layout (https://c2sp.org/tlog-tiles) of the log: tile coordinates and paths,
 * tile contents (concatenated hashes), entry bundles, and a
 * {@link org.oversight.domain.merkle.rfc6962.HashSource} over tiles so inclusion and consistency
 * proofs can be computed from them by the ledger or by any client.
 *
 * <p>All functions here are pure: they neither fetch nor store; {@link
 * org.oversight.domain.merkle.tiles.TileReader} is the single seam to storage or HTTP.
 */
package org.oversight.domain.merkle.tiles;
