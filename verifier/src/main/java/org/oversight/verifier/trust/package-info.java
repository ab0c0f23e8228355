/**
 * Trust anchors: the genesis authorities' keys a log starts from (docs/format.md §5.4), checked
 * against the keys the auditor obtained out of band ({@code --authority-key}), by one unit that
 * both {@code verifier audit} and {@code verifier bundle} call.
 */
package org.oversight.verifier.trust;
