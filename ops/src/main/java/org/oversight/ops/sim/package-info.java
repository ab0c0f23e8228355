/**
 * The camera and reviewer simulator: an open-loop arrival schedule (latency from the scheduled
 * time, so no coordinated omission) or a closed-loop max-rate mode, reviewers and an officer, and
 * what it measured (acknowledgement and inclusion latency, rates, CPU per event). Spec:
 * docs/benchmarks.md, "The simulator".
 */
package org.oversight.ops.sim;
