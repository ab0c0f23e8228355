package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.MatchProposed;

/** The one decision identity, shared by the replay and the audit: detection leaf, event hash, entry. */
class DecisionKeyTest {
    @Test
    void aProposalsKeyIsItsDetectionAndEntryAndOtherMembersDoNotMatter() {
        MatchProposed m = EventFixtures.matchProposed();
        assertThat(DecisionKey.of(m)).isEqualTo(new DecisionKey(m.detection().leafIndex(),
                m.detection().eventHash().hex(), m.candidateEntry()));
    }

    @Test
    void keysSortByLeafThenEventHashThenEntry() {
        DecisionKey a = new DecisionKey(3, "bb", "e1");
        DecisionKey b = new DecisionKey(3, "bb", "e2");
        DecisionKey c = new DecisionKey(3, "cc", "e0");
        DecisionKey d = new DecisionKey(10, "aa", "e0");
        List<DecisionKey> keys = new ArrayList<>(List.of(d, c, b, a));
        Collections.sort(keys);
        assertThat(keys).containsExactly(a, b, c, d);
    }
}
