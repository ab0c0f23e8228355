/**
 * Stream hash chains (docs/format.md §5): pure validation of an event's {@code seq} and
 * {@code prev} against a stream's head, telling apart a fitting event, an idempotent replay, a
 * gap, a fork and a wrong previous hash.
 */
package org.oversight.domain.chain;
