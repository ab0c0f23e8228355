/**
 * Offline verification of one match's evidence bundle (docs/format.md §11): checkpoint signature,
 * inclusion proofs, event encodings, signatures against keys valid at each leaf, chains, the
 * recomputed score, the watchlist snapshot proof and rules R1, R2, R3, R4, R5, R6, R7, R8, R-disclosure (what the carried events prove) and R9.
 */
package org.oversight.verifier.bundle;
