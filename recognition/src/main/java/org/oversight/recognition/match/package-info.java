/**
 * Exact 1:N matching over int8 templates: integer squared-distance scores, thresholds, and a
 * gallery whose results are in one total order (score, then entry id), independent of gallery
 * order and parallelism. Spec: docs/format.md §9.5.
 */
package org.oversight.recognition.match;
