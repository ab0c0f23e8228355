package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.recognition.projection.ProjectionFixtures.decisions;
import static org.oversight.recognition.projection.ProjectionFixtures.detection;
import static org.oversight.recognition.projection.ProjectionFixtures.entry;
import static org.oversight.recognition.projection.ProjectionFixtures.flat;
import static org.oversight.recognition.projection.ProjectionFixtures.log;
import static org.oversight.recognition.projection.ProjectionFixtures.policy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.testing.Unchecked;

class WatchlistSnapshotTest {
    private static WatchedEntry watched(SignedEvent e) {
        return WatchedEntry.of(e.eventHash(), (WatchlistEntryAuthorized) e.payload());
    }

    @Test
    void leafDataIsTheLabelThenTheCanonicalJsonOfTheEntry() {
        SignedEvent e = entry("wl-1", flat(20, 0), flat(20, 5));
        String data = new String(WatchlistSnapshot.leafData(watched(e)), StandardCharsets.UTF_8);
        WatchlistEntryAuthorized a = (WatchlistEntryAuthorized) e.payload();
        String t0 = Sha256Digest.hash(org.oversight.domain.json.CanonicalJson.encode(a.templates().get(0).toJson())).hex();
        String t1 = Sha256Digest.hash(org.oversight.domain.json.CanonicalJson.encode(a.templates().get(1).toJson())).hex();
        assertThat(data).isEqualTo("oversight/watchlist-snapshot/v1\n{\"authorizedEvent\":\"" + e.eventHash().hex()
                + "\",\"entry\":\"wl-1\",\"templates\":[\"" + t0 + "\",\"" + t1 + "\"],"
                + "\"validFrom\":\"2026-11-01T00:00:00.000Z\",\"validUntil\":\"2026-12-01T00:00:00.000Z\"}");
    }

    @Test
    void rootIsTheRfc9162TreeHashOfTheLeavesInIdOrder() {
        WatchedEntry a = watched(entry("wl-a", flat(20, 1)));
        WatchedEntry b = watched(entry("wl-b", flat(20, 2)));
        WatchedEntry c = watched(entry("wl-c", flat(20, 3)));
        // Independent recomputation: MTH of three leaves = H(0x01 || H(0x01 || L0 || L1) || L2).
        Sha256Digest l0 = Sha256Digest.hash(new byte[] {0}, WatchlistSnapshot.leafData(a));
        Sha256Digest l1 = Sha256Digest.hash(new byte[] {0}, WatchlistSnapshot.leafData(b));
        Sha256Digest l2 = Sha256Digest.hash(new byte[] {0}, WatchlistSnapshot.leafData(c));
        Sha256Digest root = node(node(l0, l1), l2);

        assertThat(WatchlistSnapshot.of(List.of(a, b, c)).root()).isEqualTo(root);
        assertThat(WatchlistSnapshot.of(List.of(a, b, c)).size()).isEqualTo(3);
        assertThat(WatchlistSnapshot.of(List.of(a)).root()).isEqualTo(l0);
    }

    private static Sha256Digest node(Sha256Digest l, Sha256Digest r) {
        byte[] both = new byte[64];
        System.arraycopy(l.toByteArray(), 0, both, 0, 32);
        System.arraycopy(r.toByteArray(), 0, both, 32, 32);
        return Sha256Digest.hash(new byte[] {1}, both);
    }

    @Test
    void preconditionsNameTheOffendingValues() {
        WatchedEntry a = watched(entry("wl-a", flat(20, 1)));
        WatchedEntry b = watched(entry("wl-b", flat(20, 2)));
        assertThatThrownBy(() -> WatchlistSnapshot.of(List.of())).hasMessage("snapshot of 0 entries");
        assertThatThrownBy(() -> WatchlistSnapshot.of(List.of(b, a))).hasMessage("entry wl-a not after wl-b");
        assertThatThrownBy(() -> WatchlistSnapshot.of(List.of(a, a))).hasMessage("entry wl-a not after wl-a");
    }

    @Test
    void insertionOrderOfEntriesChangesNeitherSnapshotNorDecisions() {
        qt().withExamples(25).withFixedSeed(4701L)
                .forAll(integers().between(1, 12), longs().all())
                .checkAssert((n, seed) -> Unchecked.run(() -> {
                    List<SignedEvent> entries = new ArrayList<>();
                    Random r = new Random(seed);
                    for (int i = 0; i < n; i++) {
                        entries.add(entry("wl-" + Long.toString(r.nextLong() & 0xffffff, 36) + "-" + i,
                                flat(20, r.nextInt(100))));
                    }
                    List<MatchProposed> sorted = run(entries);
                    List<SignedEvent> shuffled = new ArrayList<>(entries);
                    Collections.shuffle(shuffled, r);
                    assertThat(run(shuffled)).isEqualTo(sorted);
                    assertThat(run(entries)).isEqualTo(sorted); // same events, same decisions
                    SnapshotRef snapshot = snapshotAfter(entries);
                    assertThat(snapshotAfter(shuffled)).isEqualTo(snapshot);
                    assertThat(snapshot.size()).isEqualTo((long) n);
                    for (MatchProposed m : sorted) {
                        assertThat(m.watchlistSnapshot()).isEqualTo(snapshot);
                    }
                }));
    }

    private static SnapshotRef snapshotAfter(List<SignedEvent> entries) throws Exception {
        ProjectionState state = ProjectionState.initial();
        long leaf = 0;
        for (SignedEvent e : entries) {
            state = RecognitionProjection.apply(state, leaf++, e).state();
        }
        return WatchlistSnapshot.of(state.activeAt(EventFixtures.time(ProjectionFixtures.DURING)));
    }

    /** Policy, the entries in the given order, then one detection (at a leaf index independent of order). */
    private static List<MatchProposed> run(List<SignedEvent> entries) throws Exception {
        List<SignedEvent> all = new ArrayList<>();
        all.add(policy(5_000));
        all.addAll(entries);
        all.add(detection("d", flat(20, 0)));
        return decisions(log(all.toArray(new SignedEvent[0])));
    }
}
