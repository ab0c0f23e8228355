package org.oversight.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.LedgerAppTest;
import org.oversight.ledger.testing.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The races the pre-sequencing checks (signatures verified before the writer lock, on all cores)
 * must not open: whatever was checked before the lock, the in-order checks under it refuse exactly
 * what the serial path refuses, and concurrent writers of one stream head get one winner.
 */
class WriterRacesTest extends LedgerAppTest {
    private static final AtomicInteger NEXT = new AtomicInteger(7000);
    private static boolean genesisDone;

    @Autowired
    IngestService ingest;
    @Autowired
    Sequencer sequencer;
    @Autowired
    LeafStore leaves;

    @BeforeEach
    void genesis() throws Exception {
        synchronized (WriterRacesTest.class) {
            if (!genesisDone && sequencer.committed().size() == 0) {
                ingest.submit(WORLD.genesis());
            }
            genesisDone = true;
        }
    }

    @Test
    void anEventSignedByAKeyRevokedEarlierInTheSameBatchIsRefusedThoughItsSignatureVerified() throws Exception {
        int n = NEXT.incrementAndGet();
        String officer = "officer-race-" + n;
        Ed25519PrivateKey key = World.distinctKey(n);
        Chains chains = new Chains();
        SignedEvent enrol = chains.next(new KeyEnrolled(officer, Role.OFFICER, key.publicKey()), WORLD.authority);
        SignedEvent first = chains.next(World.watchlistEntry("wl-race-" + n + "-a", officer), key);
        ingest.submit(List.of(enrol, first)); // the key is now known: its signatures are checked before the lock

        SignedEvent revoke = chains.next(new KeyRevoked(officer, key.publicKey().keyId(), "key compromised"),
                WORLD.authority);
        SignedEvent signedByRevoked = chains.next(World.watchlistEntry("wl-race-" + n + "-b", officer), key);
        long size = sequencer.committed().size();

        assertThatThrownBy(() -> ingest.submit(List.of(revoke, signedByRevoked)))
                .isInstanceOfSatisfying(EventRejectedException.class, e -> {
                    assertThat(e.type()).isEqualTo(Rejection.SIGNER_NOT_VALID);
                    assertThat(e.detail()).startsWith("events[1] ");
                });
        assertThat(sequencer.committed().size()).as("nothing of the batch stored").isEqualTo(size);
        assertThat(leaves.findByHash(revoke.eventHash().digest())).isEmpty();

        // The revocation alone is accepted, and the key's next event is then refused on its own too.
        ingest.submit(List.of(revoke));
        assertThatThrownBy(() -> ingest.submit(List.of(signedByRevoked)))
                .isInstanceOfSatisfying(EventRejectedException.class,
                        e -> assertThat(e.type()).isEqualTo(Rejection.SIGNER_NOT_VALID));
    }

    @Test
    void twoWritersOfOneStreamHeadGetExactlyOneWinnerAndTheOtherAFork() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String entry = "wl-head-" + NEXT.incrementAndGet();
                WatchlistEntryAuthorized a = World.watchlistEntry(entry, World.OFFICER);
                WatchlistEntryAuthorized b = new WatchlistEntryAuthorized(entry, a.subject(), a.category(),
                        a.authorisationRef() + "-other", a.authorisedBy(), a.validFrom(), a.validUntil(), a.templates(),
                        a.sourceImageDigest());
                // Distinct event ids, so the loser meets the chain check, not the event-id check.
                SignedEvent left = EventSigner.sign(entry + "-left", 0, Optional.empty(),
                        EventFixtures.time("2026-11-27T10:00:00.000Z"), a, WORLD.officer);
                SignedEvent right = EventSigner.sign(entry + "-right", 0, Optional.empty(),
                        EventFixtures.time("2026-11-27T10:00:00.000Z"), b, WORLD.officer);
                assertThat(left.eventHash()).isNotEqualTo(right.eventHash());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (SignedEvent event : List.of(left, right)) {
                    outcomes.add(pool.submit(race(start, event)));
                }
                start.countDown();
                Outcome first = outcomes.get(0).get(30, TimeUnit.SECONDS);
                Outcome second = outcomes.get(1).get(30, TimeUnit.SECONDS);

                assertThat(List.of(first.accepted(), second.accepted())).as("round " + round).containsOnlyOnce(true);
                Outcome loser = first.accepted() ? second : first;
                SignedEvent winner = first.accepted() ? left : right;
                assertThat(loser.rejection()).isEqualTo(Rejection.STREAM_FORK);
                assertThat(leaves.keyAt(left.stream().text(), 0)).get()
                        .satisfies(k -> assertThat(k.hash()).isEqualTo(winner.eventHash().digest()));
                assertThat(leaves.keyAt(left.stream().text(), 1)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Outcome(boolean accepted, Rejection rejection) {}

    private Callable<Outcome> race(CountDownLatch start, SignedEvent event) {
        return () -> {
            start.await();
            try {
                ingest.submit(List.of(event));
                return new Outcome(true, null);
            } catch (EventRejectedException e) {
                return new Outcome(false, e.type());
            }
        };
    }
}
