/**
 * The verifier's report: what was checked, every finding (rule, leaf, expected versus found) in
 * log order, and its text, canonical JSON and self-contained HTML renderings. Spec: docs/rules.md.
 */
package org.oversight.verifier.report;
