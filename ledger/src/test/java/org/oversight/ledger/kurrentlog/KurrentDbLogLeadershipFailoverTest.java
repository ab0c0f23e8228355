package org.oversight.ledger.kurrentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.ledger.kurrentlog.KurrentDbLogApiTest.assertProblem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.leader.LeadershipManager;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.sequencer.FencedWriteException;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.TestDatabases;
import org.oversight.ledger.storage.kurrentdb.standin.KurrentDbStandInServer;
import org.oversight.ledger.testing.World;

/**
 * The deployment's combination (ops/deploy): leadership on, the log on KurrentDB (here the
 * stand-in), one PostgreSQL, two nodes. The follower never writes the aggregate streams; when the
 * leader stops, the follower takes over, catches the streams up BEFORE it accepts writes (even when
 * the watermark understates what is mirrored), loads the aggregates the old leader wrote from
 * KurrentDB and continues their streams; the checkpoints stay consistent and every KurrentDB stream
 * holds exactly its committed leaves, each once. A restarted ex-leader joins as a follower and
 * mirrors nothing.
 */
class KurrentDbLogLeadershipFailoverTest {
    private static final String ORIGIN = "test.oversight/log";
    private final World world = new World();

    private static Map<String, String> leadership(String node) {
        return Map.of("oversight.leadership.enabled", "true",
                "oversight.leadership.node-id", node,
                "oversight.leadership.advertised-url", "http://" + node + ".test:8080",
                "oversight.leadership.poll-interval-ms", "100",
                "oversight.leadership.session-timeout-ms", "1000");
    }

    @Test
    void theFollowerMirrorsNothingAndTakesOverTheStreamsBeforeItWrites() throws Exception {
        KurrentDbStandInServer standIn = KurrentDbStandInServer.start();
        String kurrentDb = standIn.connectionString();
        LedgerNode.Site site = new LedgerNode.Site(TestDatabases.freshUrl());
        List<LedgerNode> nodes = new ArrayList<>();
        try {
            LedgerNode a = site.start(kurrentDb, leadership("node-a"));
            nodes.add(a);
            assertThat(a.bean(LeadershipManager.class).isLeader()).isTrue();
            LedgerNode b = site.start(kurrentDb, leadership("node-b"));
            nodes.add(b);
            assertThat(b.bean(LeadershipManager.class).isLeader()).isFalse();
            KurrentDbLogMirror followerMirror = b.bean(KurrentDbLogMirror.class);

            // The leader writes: the genesis, a camera and a detection, a match with its first review.
            String camera = "cam-f1";
            String matchId = "m-failover";
            assertThat(a.submitBatch(world.genesis(), Role.OPERATOR).status()).isEqualTo(200);
            assertThat(a.submit(world.chains.next(world.camera(camera, 1), world.authority), Role.OFFICER).status())
                    .isEqualTo(200);
            SignedEvent detection = world.chains.next(World.detection(camera, 1), World.cameraKey(1));
            long detectionLeaf = LedgerNode.leafIndices(a.submit(detection, Role.OFFICER)).get(0);
            LedgerNode.Reply flow = a.submitBatch(List.of(
                    world.chains.next(World.match(matchId, detection, detectionLeaf), world.engine),
                    world.chains.next(World.review(matchId, Verdict.CONFIRM), world.reviewers[0])), Role.OPERATOR);
            assertThat(flow.status()).as(flow.body()).isEqualTo(200);
            long n = a.bean(Sequencer.class).committed().size();
            Checkpoint signedByA = checkpoint(a, n);

            // The follower serves the log, refuses writes, and never appends to the streams.
            await("follower reloads the log", () -> b.bean(Sequencer.class).committed().size() == n);
            SignedEvent secondReview = world.chains.next(World.review(matchId, Verdict.CONFIRM), world.reviewers[1]);
            assertThat(b.submit(secondReview, Role.REVIEWER).status()).isEqualTo(503);
            assertThat(followerMirror.mirroredSize()).isZero();
            assertThatThrownBy(followerMirror::catchUp).isInstanceOf(FencedWriteException.class)
                    .hasMessageContaining("not the log's leader");
            assertThat(followerMirror.lastFailure()).isEmpty();
            assertThat(b.bean(KurrentDbLogHealthIndicator.class).health().getDetails())
                    .containsEntry("mirroredBy", "the leader");
            assertThat(MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, kurrentDb)).isEqualTo((int) n);

            // The leader's last watermark write was lost (it is written without waiting for the WAL):
            // the new leader must re-examine every leaf, and finds each already in its stream.
            MirroredStreams.sql(site.jdbcUrl, "UPDATE ledger_kurrentdb_mirror SET mirrored_size = 0");
            a.close();
            nodes.remove(a);
            await("node-b takes over", () -> b.bean(LeadershipManager.class).isLeader());
            // Caught up under the writer lock before the fence let it write.
            assertThat(followerMirror.mirroredSize()).isEqualTo(n);
            assertThat(MirroredStreams.mirroredSize(site.jdbcUrl)).isEqualTo(n);
            assertThat(MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, kurrentDb)).isEqualTo((int) n);

            // The new leader loads the old leader's aggregates from KurrentDB and continues them:
            // the match stream at its next seq, with its first review (the same reviewer again is
            // refused) ...
            LedgerNode.Reply review = b.submit(secondReview, Role.REVIEWER);
            assertThat(review.status()).as(review.body()).isEqualTo(200);
            assertThat(LedgerNode.leafIndices(review)).containsExactly(n);
            assertProblem(b.submit(world.chains.peek(World.review(matchId, Verdict.CONFIRM), world.reviewers[0]),
                    Role.REVIEWER), 409, "duplicate-review", "reviewer-1");
            // ... the confirmed pair allows the action, and the camera's chain goes on.
            LedgerNode.Reply action = b.submit(world.chains.next(World.action(matchId), world.officer), Role.OFFICER);
            assertThat(action.status()).as(action.body()).isEqualTo(200);
            LedgerNode.Reply next = b.submit(world.chains.next(World.detection(camera, 2), World.cameraKey(1)),
                    Role.OFFICER);
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            assertThat(LedgerNode.leafIndices(next)).containsExactly(n + 2);

            Checkpoint signedByB = checkpoint(b, n + 3);
            ConsistencyProofVerifier.verify(signedByA.size(), signedByB.size(), hashes(b.get(
                    "/v1/proofs/consistency?from=" + signedByA.size() + "&to=" + signedByB.size(), Role.AUDITOR)),
                    signedByA.rootHash(), signedByB.rootHash());
            assertThat(MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, kurrentDb))
                    .isEqualTo((int) n + 3);

            // The old leader comes back as a follower: it mirrors nothing, the leader goes on alone.
            LedgerNode back = site.start(kurrentDb, leadership("node-a"));
            nodes.add(back);
            assertThat(back.bean(LeadershipManager.class).isLeader()).isFalse();
            long backMirrored = back.bean(KurrentDbLogMirror.class).mirroredSize();
            LedgerNode.Reply more = b.submit(world.chains.next(World.detection(camera, 3), World.cameraKey(1)),
                    Role.OFFICER);
            assertThat(more.status()).as(more.body()).isEqualTo(200);
            await("follower reloads the log", () -> back.bean(Sequencer.class).committed().size() == n + 4);
            assertThat(back.bean(KurrentDbLogMirror.class).mirroredSize()).isEqualTo(backMirrored);
            assertThat(back.submit(world.chains.peek(World.detection(camera, 4), World.cameraKey(1)), Role.OFFICER)
                    .status()).isEqualTo(503);
            assertThat(MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, kurrentDb))
                    .isEqualTo((int) n + 4);

            // A paused ex-leader's view of the log (size n) meets a stream the new leader continued:
            // that is a fenced write, not the alarm about a foreign writer, which stays for a
            // stream longer than the log itself.
            List<MirroredStreams.LeafRow> leaves = MirroredStreams.leaves(site.jdbcUrl);
            String continued = leaves.get(leaves.size() - 1).stream();
            assertThat(leaves.stream().filter(l -> l.stream().equals(continued)).filter(l -> l.index() < n))
                    .as("stream %s existed before the takeover", continued).isNotEmpty();
            KurrentDbLogMirror mirror = back.bean(KurrentDbLogMirror.class);
            List<? extends DomainEventMessage<?>> stored = mirror.store().readEvents(continued).asStream().toList();
            Optional<DomainEventMessage<?>> last = Optional.of(stored.get(stored.size() - 1));
            assertThatThrownBy(() -> mirror.requireLogHead(continued, n, stored.size(), last))
                    .isInstanceOf(FencedWriteException.class).hasMessageContaining("behind the database's");
            assertThatThrownBy(() -> mirror.requireLogHead(continued, n + 4, stored.size() + 1, last))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("ALARM");
        } finally {
            nodes.forEach(LedgerNode::close);
            standIn.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(25);
        }
    }

    private static Checkpoint checkpoint(LedgerNode node, long size) throws Exception {
        LedgerKeys keys = node.bean(LedgerKeys.class);
        Checkpoint c = null;
        for (int i = 0; i < 400; i++) {
            LedgerNode.Reply r = node.get("/checkpoint", null);
            if (r.status() == 200) {
                c = SignedCheckpoint.parse(r.raw().body()).verify(ORIGIN, keys.logKey().verifier());
                if (c.size() == size) {
                    return c;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no checkpoint of size " + size + "; last: " + c);
    }

    private static List<Sha256Digest> hashes(LedgerNode.Reply proof) throws Exception {
        List<Sha256Digest> out = new ArrayList<>();
        for (var h : proof.json().get("hashes")) {
            out.add(Sha256Digest.fromHex(h.asText()));
        }
        return out;
    }
}
