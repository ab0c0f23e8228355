package org.oversight.ledger.kurrentlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.merkle.rfc6962.InclusionProofVerifier;
import org.oversight.ledger.aggregate.AggregateConfiguration;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.TestDatabases;
import org.oversight.ledger.storage.kurrentdb.KurrentDbEventStorageEngine;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.World;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The ledger with {@code oversight.store.type=kurrentdb} and a PostgreSQL: the whole write and read
 * API works, with the same answers as on PostgreSQL alone, and the KurrentDB aggregate streams hold
 * exactly the committed leaves. Subclasses choose the KurrentDB server (the in-process stand-in, or a
 * real one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KurrentDbLogApiTest {
    private final World world = new World();
    private LedgerNode.Site site;
    private LedgerNode node;
    private int cameras;

    /** Connection string of the KurrentDB under test (called once, before the ledger starts). */
    protected abstract String connectionString();

    /** Why the KurrentDB under test is not available, if it is not (every case is then skipped). */
    protected Optional<String> unavailable() {
        return Optional.empty();
    }

    /** Per test, so that every skipped case is listed with its reason. */
    @BeforeEach
    void requireKurrentDb() {
        Assumptions.assumeTrue(unavailable().isEmpty(), () -> unavailable().orElse(""));
    }

    @BeforeAll
    void startLedgerAndSubmitGenesis() {
        if (unavailable().isPresent()) {
            System.out.println("SKIPPED " + getClass().getSimpleName() + ": " + unavailable().get());
            return;
        }
        site = new LedgerNode.Site(TestDatabases.freshUrl());
        node = site.start(connectionString());
        LedgerNode.Reply genesis = node.submitBatch(world.genesis(), Role.OPERATOR);
        assertThat(genesis.status()).as(genesis.body()).isEqualTo(200);
        assertThat(LedgerNode.leafIndices(genesis)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @AfterAll
    void stopLedger() {
        if (node != null) {
            node.close();
        }
    }

    private synchronized int nextCamera() {
        return ++cameras;
    }

    private String registerCamera(int n) {
        LedgerNode.Reply r = node.submit(world.chains.next(world.camera("cam-k" + n, n), world.authority), Role.OFFICER);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return "cam-k" + n;
    }

    @Test
    void usesTheMirroredKurrentDbEngine() {
        assertThat(node.bean(EventStorageEngine.class)).isInstanceOf(LogMirroredEventStorageEngine.class);
        assertThat(node.context.getBeansOfType(KurrentDbEventStorageEngine.class)).isEmpty();
    }

    @Test
    void ingestsSingleEventsAndBatchesAndMirrorsExactlyTheLeaves() {
        int n = nextCamera();
        String camera = registerCamera(n);
        List<SignedEvent> detections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            detections.add(world.chains.next(World.detection(camera, i), World.cameraKey(n)));
        }
        long size = node.bean(Sequencer.class).committed().size();
        LedgerNode.Reply batch = node.submitBatch(detections, Role.OPERATOR);
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(LedgerNode.leafIndices(batch)).containsExactly(size, size + 1, size + 2);

        assertThat(MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, connectionString()))
                .isGreaterThanOrEqualTo((int) size + 3);
        assertThat(MirroredStreams.mirroredSize(site.jdbcUrl)).isGreaterThanOrEqualTo(size + 3);
    }

    @Test
    void resubmissionIsIdempotent() {
        int n = nextCamera();
        SignedEvent reg = world.chains.next(world.camera("cam-k" + n, n), world.authority);
        LedgerNode.Reply first = node.submit(reg, Role.OFFICER);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        long size = node.bean(Sequencer.class).committed().size();

        LedgerNode.Reply again = node.submit(reg, Role.OFFICER);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.raw().headers().firstValue("Oversight-Duplicate")).contains("true");
        LedgerNode.Reply inBatch = node.submitBatch(List.of(reg), Role.OPERATOR);
        assertThat(LedgerNode.leafIndices(inBatch)).containsExactly(first.json().get("leafIndex").asLong());
        assertThat(node.bean(Sequencer.class).committed().size()).as("stored once").isEqualTo(size);
        MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, connectionString());
    }

    @Test
    void rejectsBadInputWithTheSameProblemsAndStoresNothing() {
        long size = node.bean(Sequencer.class).committed().size();
        SignedEvent peek = world.chains.peek(world.camera("cam-nc", 90), world.authority);
        byte[] spaced = new String(peek.leafBytes(), StandardCharsets.UTF_8).replaceFirst(":", ": ")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(node.post("/v1/events", spaced, Role.OFFICER), 400, "non-canonical", "");
        assertProblem(node.post("/v1/events", "{\"header\":1}".getBytes(StandardCharsets.UTF_8), Role.OFFICER), 400,
                "invalid-event", "$.v");
        SignedEvent stranger = world.chains.peek(World.detection("cam-none", 1), EventFixtures.key(120));
        assertProblem(node.submit(stranger, Role.OFFICER), 422, "unknown-signer", "header.signer");

        int n = nextCamera();
        Chains local = new Chains();
        String camera = "cam-k" + n;
        SignedEvent reg = local.next(world.camera(camera, n), world.authority);
        SignedEvent d0 = local.next(World.detection(camera, 0), World.cameraKey(n));
        SignedEvent badGap = Chains.at(World.detection(camera, 1), World.cameraKey(n), 3, Optional.of(d0.eventHash()));
        assertProblem(node.submitBatch(List.of(reg, d0, badGap), Role.OPERATOR), 409, "sequence-gap",
                "events[2] header.seq: 3");
        assertThat(node.bean(Sequencer.class).committed().size()).as("nothing stored").isEqualTo(size);
        assertProblem(node.get("/v1/events/" + reg.header().eventId(), Role.AUDITOR), 404, "not-found",
                reg.header().eventId());
        MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, connectionString());

        LedgerNode.Reply ok = node.submitBatch(List.of(reg, d0), Role.OPERATOR);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        SignedEvent gap = Chains.at(World.detection(camera, 1), World.cameraKey(n), 5,
                Optional.of(EventHash.ofLeafBytes(new byte[] {1})));
        assertProblem(node.submit(gap, Role.OFFICER), 409, "sequence-gap", "header.seq: 5");
        world.chains.advance(reg);
    }

    @Test
    void streamRulesHoldForAggregatesLoadedFromKurrentDb() {
        int n = nextCamera();
        String camera = registerCamera(n);
        SignedEvent detection = world.chains.next(World.detection(camera, 1), World.cameraKey(n));
        LedgerNode.Reply d = node.submit(detection, Role.OFFICER);
        long detectionLeaf = d.json().get("leafIndex").asLong();
        String matchId = "m-" + camera;
        List<SignedEvent> flow = List.of(world.chains.next(World.match(matchId, detection, detectionLeaf), world.engine),
                world.chains.next(World.review(matchId, Verdict.CONFIRM), world.reviewers[0]));
        assertThat(node.submitBatch(flow, Role.OPERATOR).status()).isEqualTo(200);

        // Forget the cached aggregates: the match aggregate is now rebuilt from its KurrentDB stream.
        node.context.getBean(AggregateConfiguration.CACHE, Cache.class).removeAll();
        assertProblem(node.submit(world.chains.peek(World.action(matchId), world.officer), Role.OFFICER), 422,
                "insufficient-confirmations", "has 1 confirmation(s)");
        assertProblem(node.submit(world.chains.peek(World.review(matchId, Verdict.CONFIRM), world.reviewers[0]),
                Role.REVIEWER), 409, "duplicate-review", "reviewer-1");
        assertThat(node.submit(world.chains.next(World.review(matchId, Verdict.CONFIRM), world.reviewers[1]),
                Role.REVIEWER).status()).isEqualTo(200);
        node.context.getBean(AggregateConfiguration.CACHE, Cache.class).removeAll();
        LedgerNode.Reply action = node.submit(world.chains.next(World.action(matchId), world.officer), Role.OFFICER);
        assertThat(action.status()).as(action.body()).isEqualTo(200);
        MirroredStreams.assertStreamsHoldExactlyTheLeaves(site.jdbcUrl, connectionString());
    }

    @Test
    void servesCheckpointProofsAndExport() throws Exception {
        registerCamera(nextCamera());
        LedgerKeys keys = node.bean(LedgerKeys.class);
        Checkpoint older = awaitCheckpoint(keys, node.bean(Sequencer.class).committed().size());
        registerCamera(nextCamera());
        Checkpoint newer = awaitCheckpoint(keys, older.size() + 1);

        JsonNode entry = node.get("/v1/entries?start=" + (newer.size() - 1) + "&count=1", Role.AUDITOR).json()
                .get("entries").get(0);
        long leaf = entry.get("leafIndex").asLong();
        JsonNode inclusion = node.get("/v1/proofs/inclusion?leaf=" + leaf + "&size=" + newer.size(), Role.AUDITOR)
                .json();
        InclusionProofVerifier.verify(leaf, newer.size(), Sha256Digest.fromHex(entry.get("eventHash").asText()),
                hashes(inclusion), newer.rootHash());
        JsonNode consistency = node.get("/v1/proofs/consistency?from=" + older.size() + "&to=" + newer.size(),
                Role.AUDITOR).json();
        ConsistencyProofVerifier.verify(older.size(), newer.size(), hashes(consistency), older.rootHash(),
                newer.rootHash());

        LedgerNode.Reply export = node.get("/v1/export", Role.AUDITOR);
        assertThat(export.status()).isEqualTo(200);
        LogExportReader reader = new LogExportReader(new ByteArrayInputStream(export.raw().body()));
        Checkpoint exported = reader.checkpoint().verify("test.oversight/log", keys.logKey().verifier());
        CompactRange tree = CompactRange.empty();
        long count = 0;
        for (byte[] l = reader.nextLeaf(); l != null; l = reader.nextLeaf()) {
            tree.appendLeaf(l);
            count++;
        }
        assertThat(count).isEqualTo(exported.size());
        assertThat(tree.root()).isEqualTo(exported.rootHash());
    }

    private Checkpoint awaitCheckpoint(LedgerKeys keys, long atLeast) throws Exception {
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

    private static List<Sha256Digest> hashes(JsonNode proof) throws Exception {
        List<Sha256Digest> out = new ArrayList<>();
        for (JsonNode h : proof.get("hashes")) {
            out.add(Sha256Digest.fromHex(h.asText()));
        }
        return out;
    }

    static void assertProblem(LedgerNode.Reply r, int status, String rule, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("type").asText()).isEqualTo("urn:oversight:problem:" + rule);
        assertThat(p.get("detail").asText()).contains(detailPart);
    }
}
