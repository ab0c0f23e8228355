package org.oversight.domain.principal;

import java.util.OptionalLong;
import org.oversight.domain.event.ErasureEpochOpened;

/**
 * An erasure epoch as the registry knows it (docs/format.md §5.4): the event that opened it, at
 * which leaf, and the leaf of its close if any.
 *
 * @param opened the {@code ErasureEpochOpened} payload
 * @param openedAt its leaf index
 * @param closedAt the leaf index of the {@code ErasureEpochClosed}, if it stands in the log
 */
public record EpochRecord(ErasureEpochOpened opened, long openedAt, OptionalLong closedAt) {
    /** The epoch id. */
    public String epoch() {
        return opened.epoch();
    }

    /** Whether the epoch is closed at or before {@code leafIndex}. */
    public boolean closedBy(long leafIndex) {
        return closedAt.isPresent() && closedAt.getAsLong() <= leafIndex;
    }

    EpochRecord closedAt(long leafIndex) {
        return new EpochRecord(opened, openedAt, OptionalLong.of(leafIndex));
    }
}
