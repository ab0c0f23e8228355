/**
 * Squared-distance kernels (scalar and Vector API); integer arithmetic is exact, so both give the
 * same results. Not API. Spec: docs/format.md §9.5.
 */
package org.oversight.recognition.match.internal;
