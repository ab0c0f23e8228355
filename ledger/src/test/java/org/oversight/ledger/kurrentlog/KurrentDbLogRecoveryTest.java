package org.oversight.ledger.kurrentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.ledger.kurrentlog.KurrentDbLogApiTest.assertProblem;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.ledger.aggregate.EventRecorded;
import org.oversight.ledger.testing.CapturedLog;
import org.oversight.ledger.testing.Chains;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.TestDatabases;
import org.oversight.ledger.storage.kurrentdb.standin.KurrentDbStandInServer;
import org.oversight.ledger.testing.World;
import org.oversight.ledger.web.ProblemResponses;
import org.springframework.boot.actuate.health.Status;

/**
 * Restarts and a crash between the two commits, against the KurrentDB STAND-IN (it can be stopped
 * and restarted on the same in-memory log; a real server cannot be, here). Each "node" is a new
 * application context on the same PostgreSQL database, data directory and KurrentDB log.
 *
 * <p>The crash: KurrentDB becomes unreachable, so the append that follows the PostgreSQL commit
 * fails — the state a crash right after the commit leaves behind (leaves committed, streams
 * without them) — and the node is then closed without ever retrying it.
 */
class KurrentDbLogRecoveryTest {
    private final World world = new World();

    @Test
    void aCrashBetweenTheCommitsLosesNothingAcknowledgedAndAppliesNothingTwice() throws Exception {
        KurrentDbStandInServer standIn = KurrentDbStandInServer.start();
        LedgerNode.Site site = new LedgerNode.Site(TestDatabases.freshUrl());
        String matchId = "m-recovery";
        String camera = "cam-r1";
        SignedEvent secondReview;
        long secondReviewLeaf;
        Checkpoint beforeCrash;
        long sizeAtCrash;
        try {
            try (LedgerNode node = site.start(standIn.connectionString())) {
                assertThat(node.submitBatch(world.genesis(), Role.OPERATOR).status()).isEqualTo(200);
                assertThat(node.submit(world.chains.next(world.camera(camera, 1), world.authority), Role.OFFICER)
                        .status()).isEqualTo(200);
                SignedEvent detection = world.chains.next(World.detection(camera, 1), World.cameraKey(1));
                long detectionLeaf = LedgerNode.leafIndices(node.submit(detection, Role.OFFICER)).get(0);
                LedgerNode.Reply flow = node.submitBatch(List.of(
                        world.chains.next(World.match(matchId, detection, detectionLeaf), world.engine),
                        world.chains.next(World.review(matchId, Verdict.CONFIRM), world.reviewers[0])), Role.OPERATOR);
                assertThat(flow.status()).as(flow.body()).isEqualTo(200);
                MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, standIn.connectionString());

                standIn.close();
                // The match aggregate is in memory, so this needs no read: PostgreSQL commits, the
                // append after it fails. The event is acknowledged: the leaves are the commit point.
                secondReview = world.chains.next(World.review(matchId, Verdict.CONFIRM), world.reviewers[1]);
                LedgerNode.Reply acknowledged = node.submit(secondReview, Role.REVIEWER);
                assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
                secondReviewLeaf = LedgerNode.leafIndices(acknowledged).get(0);
                sizeAtCrash = node.bean(Sequencer.class).committed().size();
                assertThat(secondReviewLeaf).isEqualTo(sizeAtCrash - 1);
                KurrentDbLogMirror mirror = node.bean(KurrentDbLogMirror.class);
                assertThat(mirror.mirroredSize()).isEqualTo(sizeAtCrash - 1);
                assertThat(node.bean(KurrentDbLogHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);

                // An aggregate not in memory cannot be loaded while the streams are behind: refused,
                // nothing stored.
                LedgerNode.Reply refused;
                // An internal error, logged at ERROR: captured and checked, not printed.
                try (CapturedLog log = CapturedLog.of(ProblemResponses.class)) {
                    refused = node.submit(world.chains.peek(world.camera("cam-r2", 2), world.authority), Role.OFFICER);
                    assertThat(log.messages(Level.ERROR)).containsExactly("internal error");
                }
                assertThat(refused.status()).as(refused.body()).isBetween(500, 599);
                assertThat(node.bean(Sequencer.class).committed().size()).isEqualTo(sizeAtCrash);
                beforeCrash = checkpoint(node, sizeAtCrash);
            }
            assertThat(MirroredStreams.leaves(site.jdbcUrl)).hasSize((int) sizeAtCrash);
            assertThat(MirroredStreams.mirroredSize(site.jdbcUrl)).isEqualTo(sizeAtCrash - 1);

            standIn.restart();
            try (LedgerNode node = site.start(standIn.connectionString())) {
                // Start-up recovery appended the acknowledged review, once.
                assertThat(node.bean(KurrentDbLogMirror.class).mirroredSize()).isEqualTo(sizeAtCrash);
                assertThat(MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, standIn.connectionString()))
                        .isEqualTo((int) sizeAtCrash);
                assertThat(node.get("/v1/events/" + secondReview.header().eventId(), Role.AUDITOR).json()
                        .get("leafIndex").asLong()).isEqualTo(secondReviewLeaf);
                LedgerNode.Reply again = node.submit(secondReview, Role.REVIEWER);
                assertThat(again.raw().headers().firstValue("Oversight-Duplicate")).contains("true");
                assertThat(LedgerNode.leafIndices(again)).containsExactly(secondReviewLeaf);

                // The match aggregate, loaded from KurrentDB, has both confirmations with their reviewers.
                assertProblem(node.submit(world.chains.peek(World.review(matchId, Verdict.CONFIRM), world.reviewers[1]),
                        Role.REVIEWER), 409, "duplicate-review", "reviewer-2");
                LedgerNode.Reply action = node.submit(world.chains.next(World.action(matchId), world.officer),
                        Role.OFFICER);
                assertThat(action.status()).as(action.body()).isEqualTo(200);
                assertThat(LedgerNode.leafIndices(action)).containsExactly(sizeAtCrash);
                assertThat(node.submit(world.chains.next(world.camera("cam-r2", 2), world.authority), Role.OFFICER)
                        .status()).isEqualTo(200);

                Checkpoint after = checkpoint(node, sizeAtCrash + 2);
                LedgerNode.Reply proof = node.get("/v1/proofs/consistency?from=" + beforeCrash.size() + "&to="
                        + after.size(), Role.AUDITOR);
                ConsistencyProofVerifier.verify(beforeCrash.size(), after.size(), hashes(proof), beforeCrash.rootHash(),
                        after.rootHash());
                MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, standIn.connectionString());
            }

            // A crash before the watermark was written: every leaf is re-examined against its
            // stream; all are found, none is appended again.
            MirroredStreams.sql(site.jdbcUrl, "UPDATE ledger_kurrentdb_mirror SET mirrored_size = 0");
            long size = MirroredStreams.leaves(site.jdbcUrl).size();
            try (LedgerNode node = site.start(standIn.connectionString())) {
                assertThat(node.bean(KurrentDbLogMirror.class).mirroredSize()).isEqualTo(size);
                assertThat(MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, standIn.connectionString()))
                        .isEqualTo((int) size);
                LedgerNode.Reply next = node.submit(world.chains.next(World.detection(camera, 2), World.cameraKey(1)),
                        Role.OFFICER);
                assertThat(next.status()).as(next.body()).isEqualTo(200);
                assertThat(LedgerNode.leafIndices(next)).containsExactly(size);
                MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, standIn.connectionString());
            }
        } finally {
            standIn.close();
        }
    }

    @Test
    void anEventTheLogNeverGotStopsTheAggregateFromLoading() throws Exception {
        KurrentDbStandInServer standIn = KurrentDbStandInServer.start();
        LedgerNode.Site site = new LedgerNode.Site(TestDatabases.freshUrl());
        try {
            SignedEvent registration = world.chains.next(world.camera("cam-t1", 1), world.authority);
            try (LedgerNode node = site.start(standIn.connectionString())) {
                assertThat(node.submitBatch(world.genesis(), Role.OPERATOR).status()).isEqualTo(200);
                assertThat(node.submit(registration, Role.OFFICER).status()).isEqualTo(200);
            }
            // Another writer appends a well-formed event at seq 1 of the camera's stream, behind the
            // log's back. Loaded as is, the aggregate would accept seq 2 on top of it: a stream gap in the log.
            SignedEvent foreign = world.chains.peek(new CameraDecommissioned("cam-t1", "foreign"), world.authority);
            MirroredStreams.appendAsAnotherWriter(standIn.connectionString(), new GenericDomainEventMessage<>(
                    "StreamAggregate", "camera/cam-t1", 1,
                    new EventRecorded(new String(foreign.leafBytes(), StandardCharsets.UTF_8)),
                    MetaData.with(EventRecorded.LEAF_INDEX, 99L).and(EventRecorded.SIGNER_PRINCIPAL, World.AUTHORITY)
                            .and(EventRecorded.EVENT_TYPE, foreign.type().wireName())));
            long size = MirroredStreams.leaves(site.jdbcUrl).size();
            try (LedgerNode node = site.start(standIn.connectionString())) {
                SignedEvent onTop = Chains.at(new CameraDecommissioned("cam-t1", "on top"), world.authority, 2,
                        Optional.of(foreign.eventHash()));
                LedgerNode.Reply refused;
                // The refusal is an internal error, logged at ERROR: captured and checked, not printed.
                try (CapturedLog log = CapturedLog.of(ProblemResponses.class)) {
                    refused = node.submit(onTop, Role.OFFICER);
                    assertThat(log.messages(Level.ERROR)).containsExactly("internal error");
                }
                assertThat(refused.status()).as(refused.body()).isBetween(500, 599);
                assertThat(MirroredStreams.leaves(site.jdbcUrl)).hasSize((int) size);
                // Other streams are unaffected.
                SignedEvent detection = world.chains.next(World.detection("cam-t1", 1), World.cameraKey(1));
                assertThat(node.submit(detection, Role.OFFICER).status()).isEqualTo(200);
            }
        } finally {
            standIn.close();
        }
    }

    private static Checkpoint checkpoint(LedgerNode node, long atLeast) throws Exception {
        LedgerKeys keys = node.bean(LedgerKeys.class);
        for (int i = 0; i < 200; i++) {
            LedgerNode.Reply r = node.get("/checkpoint", null);
            if (r.status() == 200) {
                Checkpoint c = SignedCheckpoint.parse(r.raw().body()).verify("test.oversight/log",
                        keys.logKey().verifier());
                if (c.size() >= atLeast) {
                    return c;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no checkpoint of size >= " + atLeast);
    }

    private static List<Sha256Digest> hashes(LedgerNode.Reply proof) throws Exception {
        List<Sha256Digest> out = new ArrayList<>();
        for (var h : proof.json().get("hashes")) {
            out.add(Sha256Digest.fromHex(h.asText()));
        }
        return out;
    }
}
