package org.oversight.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.testing.World;

/** {@link RecentlyCommitted}: only complete, consecutive ranges it still holds are served. */
class RecentlyCommittedTest {
    private static final World WORLD = new World();

    private static List<SignedEvent> detections(int n) {
        List<SignedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(WORLD.chains.next(World.detection("cam-recent", i), World.cameraKey(5)));
        }
        return out;
    }

    @Test
    void servesExactlyTheHeldRange() {
        RecentlyCommitted recent = new RecentlyCommitted(4);
        List<SignedEvent> e = detections(6);
        assertThat(recent.range(0, 1)).isEmpty();
        recent.append(10, e.subList(0, 3));
        assertThat(recent.range(10, 3)).hasValue(e.subList(0, 3));
        assertThat(recent.range(11, 2)).hasValue(e.subList(1, 3));
        assertThat(recent.range(9, 2)).as("starts before").isEmpty();
        assertThat(recent.range(12, 2)).as("ends after").isEmpty();
        recent.append(13, e.subList(3, 5));
        assertThat(recent.range(11, 4)).as("capacity 4: leaves 11..14").hasValue(e.subList(1, 5));
        assertThat(recent.range(10, 1)).as("evicted").isEmpty();
    }

    @Test
    void aGapStartsAfresh() {
        RecentlyCommitted recent = new RecentlyCommitted(8);
        List<SignedEvent> e = detections(4);
        recent.append(0, e.subList(0, 2));
        recent.append(5, e.subList(2, 4));
        assertThat(recent.range(0, 1)).isEmpty();
        assertThat(recent.range(2, 1)).isEmpty();
        assertThat(recent.range(5, 2)).hasValue(e.subList(2, 4));
        assertThatThrownBy(() -> new RecentlyCommitted(0)).hasMessageContaining("capacity 0 < 1");
    }
}
