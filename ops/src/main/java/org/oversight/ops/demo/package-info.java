/**
 * The demo scenario played by {@code ops/demo.sh}: real photos through the real face pipeline,
 * genesis, enrolments, policy, cameras, watchlist, detections, reviews and actions against a
 * running ledger, then the summary and exit status from the verifier's reports. Spec:
 * docs/demo.md.
 */
package org.oversight.ops.demo;
