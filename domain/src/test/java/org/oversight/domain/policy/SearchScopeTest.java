package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.domain.event.EventFixtures.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.Timestamp;

/**
 * The definition of S (docs/rules.md R4): before the Performed's leaf, captured in the half-open
 * window, the search's model, readable (epoch open, or kept and not destroyed). Whatever the view
 * returns beyond that — in any order, twice — is filtered out.
 */
class SearchScopeTest {
    private static final String MODEL = "m@1";
    private static final RetrospectiveSearchRequested REQUEST = new RetrospectiveSearchRequested("s-1", "wl-1",
            time("2026-11-27T09:00:00.000Z"), time("2026-11-27T10:00:00.000Z"), "c", "r");

    private static SearchScope.SealedDetection d(long leaf, String capture, String model, String epoch) {
        return new SearchScope.SealedDetection(new DetectionRef(EventHash.ofLeafBytes(new byte[] {(byte) leaf}), leaf),
                time(capture), model, epoch);
    }

    private static SearchScope.View view(List<SearchScope.SealedDetection> all,
            Map<Long, DisclosureRules.RecordFate> fates) {
        return new SearchScope.View() {
            @Override
            public List<SearchScope.SealedDetection> sealedDetections(long beforeLeaf, Timestamp from,
                    Timestamp until) {
                List<SearchScope.SealedDetection> out = new ArrayList<>(all);
                java.util.Collections.reverse(out);
                out.addAll(all); // twice, and out of order: the function must not rely on the view
                return out;
            }

            @Override
            public DisclosureRules.RecordFate fate(String epoch, long detectionLeaf) {
                return fates.getOrDefault(detectionLeaf, new DisclosureRules.RecordFate.Readable());
            }
        };
    }

    @Test
    void sHoldsExactlyTheReadableDetectionsOfTheWindowAndModelBeforeThePerformed() {
        List<SearchScope.SealedDetection> all = List.of(
                d(1, "2026-11-27T09:00:00.000Z", MODEL, "e1"),     // in: first instant of the window
                d(2, "2026-11-27T10:00:00.000Z", MODEL, "e1"),     // out: the window's end is excluded
                d(3, "2026-11-27T08:59:59.999Z", MODEL, "e1"),     // out: before the window
                d(4, "2026-11-27T09:30:00.000Z", "other@1", "e1"), // out: another model
                d(5, "2026-11-27T09:30:00.000Z", MODEL, "e1"),     // out: erased by its close
                d(6, "2026-11-27T09:30:00.000Z", MODEL, "e1"),     // in: kept by the close
                d(7, "2026-11-27T09:30:00.000Z", MODEL, "e1"),     // out: kept, then destroyed
                d(8, "2026-11-27T09:59:59.999Z", MODEL, "e2"),     // in
                d(9, "2026-11-27T09:30:00.000Z", MODEL, "e2"));    // out: at the Performed's leaf
        Map<Long, DisclosureRules.RecordFate> fates = Map.of(5L, new DisclosureRules.RecordFate.Erased(20),
                6L, new DisclosureRules.RecordFate.Kept(), 7L, new DisclosureRules.RecordFate.Destroyed(21));
        List<SearchScope.SealedDetection> s = SearchScope.searchable(view(all, fates), 9, REQUEST, MODEL);
        assertThat(s).extracting(x -> x.ref().leafIndex()).containsExactly(1L, 6L, 8L);
    }

    @Test
    void readableMeansOpenOrKeptAndNotDestroyed() {
        assertThat(SearchScope.readable(new DisclosureRules.RecordFate.Readable())).isTrue();
        assertThat(SearchScope.readable(new DisclosureRules.RecordFate.Kept())).isTrue();
        assertThat(SearchScope.readable(new DisclosureRules.RecordFate.Erased(1))).isFalse();
        assertThat(SearchScope.readable(new DisclosureRules.RecordFate.Destroyed(1))).isFalse();
    }

    @Test
    void aNegativeLeafIsRefused() {
        assertThatThrownBy(() -> SearchScope.searchable(view(List.of(), Map.of()), -1, REQUEST, MODEL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
