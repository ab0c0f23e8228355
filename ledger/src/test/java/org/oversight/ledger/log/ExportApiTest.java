package org.oversight.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.LedgerAppTest;
import org.oversight.ledger.testing.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/**
 * {@code GET /v1/export}: the export reads back with the domain's {@link LogExportReader}, its
 * checkpoint verifies with the log key, its leaves hash to the checkpoint's root, and the leaf bytes
 * are exactly what was ingested. Older prefixes only for checkpoints actually signed; roles enforced.
 */
class ExportApiTest extends LedgerAppTest {
    private static final int EVENTS = 300;
    private static final int BATCH = 50;

    @Autowired
    LedgerKeys keys;
    @Autowired
    Checkpointer checkpointer;
    @Autowired
    BiometricReadAudit audit;

    /** Submits genesis (idempotent) and this class's events once; returns them by event hash. */
    private static Map<Sha256Digest, byte[]> ingested;
    private static long sizeBefore;

    private synchronized Map<Sha256Digest, byte[]> ingestOnce() throws Exception {
        if (ingested != null) {
            return ingested;
        }
        synchronized (LedgerAppTest.class) {
            submitBatch(WORLD.genesis());
            sizeBefore = awaitSignedCommittedTree();
            Chains local = new Chains();
            List<SignedEvent> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                events.add(local.next(new KeyEnrolled("export-test-" + i, Role.REVIEWER,
                        World.distinctKey(200_000 + i).publicKey()), WORLD.authority));
            }
            for (int from = 0; from < events.size(); from += BATCH) {
                submitBatch(events.subList(from, from + BATCH));
            }
            awaitSignedCommittedTree();
            Map<Sha256Digest, byte[]> byHash = new HashMap<>();
            for (SignedEvent e : events) {
                byHash.put(e.eventHash().digest(), e.leafBytes());
            }
            ingested = byHash;
            return ingested;
        }
    }

    private void submitBatch(List<SignedEvent> events) throws Exception {
        StringBuilder b = new StringBuilder("[");
        for (SignedEvent e : events) {
            b.append(b.length() > 1 ? "," : "").append(new String(e.leafBytes(), StandardCharsets.UTF_8));
        }
        var r = mvc.perform(post("/v1/events/batch").header("Authorization",
                bearer(org.oversight.ledger.security.Role.OPERATOR)).contentType(MediaType.APPLICATION_JSON)
                .content(b.append(']').toString())).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    }

    /** Waits until the latest signed checkpoint covers the whole committed tree; returns its size. */
    private long awaitSignedCommittedTree() throws Exception {
        for (int i = 0; i < 200; i++) {
            checkpointer.tick();
            long signed = checkpointer.latest().orElseThrow().checkpoint().size();
            if (signed == checkpointerTreeSize()) {
                return signed;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("checkpoint never caught up with the committed tree");
    }

    @Autowired
    org.oversight.ledger.sequencer.Sequencer sequencer;

    private long checkpointerTreeSize() {
        return sequencer.committed().size();
    }

    private MockHttpServletResponse export(String query, org.oversight.ledger.security.Role role) throws Exception {
        var request = get("/v1/export" + query);
        if (role != null) {
            request.header("Authorization", bearer(role));
        }
        MvcResult started = mvc.perform(request).andReturn();
        if (!started.getRequest().isAsyncStarted()) {
            return started.getResponse();
        }
        started.getAsyncResult(30_000);
        return mvc.perform(asyncDispatch(started)).andReturn().getResponse();
    }

    /** Reads an export, checks it against the log key, and returns its leaves. */
    private List<byte[]> readVerified(byte[] body, long expectedSize) throws Exception {
        LogExportReader reader = new LogExportReader(new ByteArrayInputStream(body));
        Checkpoint c = reader.checkpoint().verify("test.oversight/log", keys.logKey().verifier());
        assertThat(c.size()).isEqualTo(expectedSize);
        CompactRange tree = CompactRange.empty();
        List<byte[]> leaves = new ArrayList<>();
        for (byte[] leaf = reader.nextLeaf(); leaf != null; leaf = reader.nextLeaf()) {
            tree.appendLeaf(leaf);
            leaves.add(leaf);
        }
        assertThat(leaves).hasSize((int) expectedSize);
        assertThat(tree.root()).isEqualTo(c.rootHash());
        return leaves;
    }

    @Test
    void fullExportCarriesTheLatestCheckpointAndExactlyTheIngestedLeaves() throws Exception {
        Map<Sha256Digest, byte[]> mine = ingestOnce();
        long latest = checkpointer.latest().orElseThrow().checkpoint().size();
        long auditsBefore = audit.count();

        MockHttpServletResponse r = export("", org.oversight.ledger.security.Role.AUDITOR);

        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo(ExportController.MEDIA_TYPE);
        List<byte[]> leaves = readVerified(r.getContentAsByteArray(), latest);
        int found = 0;
        for (byte[] leaf : leaves) {
            byte[] expected = mine.get(org.oversight.domain.merkle.rfc6962.Rfc6962Hashing.leafHash(leaf));
            if (expected != null) {
                assertThat(leaf).isEqualTo(expected);
                found++;
            }
        }
        assertThat(found).as("ingested events present once each").isEqualTo(EVENTS);
        assertThat(audit.count()).as("the export is recorded as a biometric read").isEqualTo(auditsBefore + 1);
    }

    @Test
    void operatorMayExportAnOlderSignedPrefix() throws Exception {
        ingestOnce();
        MockHttpServletResponse r = export("?size=" + sizeBefore, org.oversight.ledger.security.Role.OPERATOR);

        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        List<byte[]> leaves = readVerified(r.getContentAsByteArray(), sizeBefore);
        assertThat(leaves).hasSize((int) sizeBefore);
    }

    @Test
    void sizesWithoutASignedCheckpointAre404Problems() throws Exception {
        ingestOnce();
        long latest = checkpointer.latest().orElseThrow().checkpoint().size();
        // The checkpointer signs at commit boundaries (every-leaves=1); sizeBefore + 1 lies inside a batch of 50.
        for (String query : List.of("?size=" + (sizeBefore + 1), "?size=" + (latest + 1), "?size=-1")) {
            MockHttpServletResponse r = export(query, org.oversight.ledger.security.Role.AUDITOR);
            assertThat(r.getStatus()).as(query + ": " + r.getContentAsString()).isEqualTo(404);
            assertThat(r.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(r.getContentAsString()).contains("urn:oversight:problem:not-found");
        }
    }

    @Test
    void exportNeedsTheAuditorOrOperatorRole() throws Exception {
        assertThat(export("", null).getStatus()).isEqualTo(401);
        assertThat(export("", org.oversight.ledger.security.Role.OFFICER).getStatus()).isEqualTo(403);
        assertThat(export("", org.oversight.ledger.security.Role.REVIEWER).getStatus()).isEqualTo(403);
    }
}
