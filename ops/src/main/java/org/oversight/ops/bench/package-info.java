/**
 * JMH benchmarks and the one table of {@code ops/bench.sh}: every figure next to the limit it is
 * judged against, measured in the same run (event paths, Merkle append, audit, bundle
 * verification, 1:N search, embedding, memory read). Spec: docs/benchmarks.md, docs/ledger.md §9.
 */
package org.oversight.ops.bench;
