package org.oversight.ledger.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.policy.MatchState;
import org.oversight.ledger.sequencer.Leaf;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.sequencer.TreeState;
import org.oversight.ledger.testing.Chains;

/**
 * The feed reads the schema-2 {@code RecognitionPolicySet} of the sealed-data build (retention
 * terms added): the number of confirmations a match needs is that policy's reviewersRequired, not
 * a default. Over a stand-in store holding real signed leaves (no database needed).
 */
class MatchFeedPolicyTest {
    private static final Ed25519PrivateKey AUTHORITY = EventFixtures.key(131);

    @Test
    void aSchema2PolicyGovernsTheConfirmationsRequired() {
        Chains chains = new Chains();
        List<SignedEvent> events = new ArrayList<>();
        events.add(chains.next(new AuthorityDeclared("authority-feed", "Feed Test Board", AUTHORITY.publicKey()),
                AUTHORITY));
        RecognitionPolicySet policy = new RecognitionPolicySet("face-api/face_recognition_model@1.7.15", 1, 5200, 9216,
                3, 0, new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000))
                .withRetention(new RetentionTerms(183, 31, 60_000));
        events.add(chains.next(policy, AUTHORITY));
        events.add(chains.next(new MatchProposed("m-feed-1",
                new DetectionRef(EventHash.ofLeafBytes("detection".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 2),
                "wl-feed-1", 4100, 5200, new SnapshotRef(EventFixtures.digestOf("snapshot"), 1),
                "face-api/face_recognition_model@1.7.15", "oversight-engine/0.1.0"), AUTHORITY));
        assertThat(events.get(1).header().schema()).isEqualTo(EventType.SCHEMA_V2);

        MatchFeed feed = new MatchFeed(store(events), sequencer(events.size()));
        MatchFeed.MatchView view = feed.match("m-feed-1").orElseThrow();

        assertThat(view.policyAtDetection()).isPresent();
        assertThat(view.policyAtDetection().get().policy().retention()).contains(new RetentionTerms(183, 31, 60_000));
        assertThat(view.confirmationsRequired()).isEqualTo(3);
        assertThat(view.state()).isEqualTo(MatchState.PENDING);
    }

    private static LeafStore store(List<SignedEvent> events) {
        List<StoredLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SignedEvent e = events.get(i);
            leaves.add(new StoredLeaf(i, new Leaf(e.header().eventId(), e.header().stream().text(), e.header().seq(),
                    e.leafBytes(), Sha256Digest.hash(e.leafBytes()))));
        }
        LeafStore store = mock(LeafStore.class);
        when(store.leaves(anyLong(), anyInt())).thenAnswer(a -> {
            int from = (int) (long) a.getArgument(0);
            int count = a.getArgument(1);
            return leaves.subList(from, Math.min(leaves.size(), from + count));
        });
        return store;
    }

    private static Sequencer sequencer(long size) {
        TreeState state = mock(TreeState.class);
        when(state.size()).thenReturn(size);
        Sequencer sequencer = mock(Sequencer.class);
        when(sequencer.committed()).thenReturn(state);
        return sequencer;
    }
}
