package org.oversight.ops.client;

import java.util.List;

/**
 * A page of {@code GET /v1/entries}.
 *
 * @param treeSize the committed tree size when the page was read
 * @param entries the leaves from the requested start, in leaf order
 */
public record EntryPage(long treeSize, List<LogEntry> entries) {
    public EntryPage {
        entries = List.copyOf(entries);
    }
}
