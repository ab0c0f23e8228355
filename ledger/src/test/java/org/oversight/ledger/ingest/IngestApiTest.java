package org.oversight.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.ledger.log.BiometricReadAudit;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.LedgerAppTest;
import org.oversight.ledger.testing.RawHttp;
import org.oversight.ledger.testing.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

class IngestApiTest extends LedgerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean genesisDone;
    private static int cameraCounter;

    @Autowired
    Sequencer sequencer;
    @Autowired
    BiometricReadAudit audit;
    @Autowired
    javax.sql.DataSource dataSource;

    /** Axon events stored for {@code stream} (its aggregate), as sequence numbers. */
    List<Long> axonEvents(String stream) {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForList(
                "SELECT sequencenumber FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                Long.class, stream);
    }

    @BeforeEach
    void genesis() throws Exception {
        synchronized (IngestApiTest.class) {
            if (!genesisDone) {
                MvcResult r = batch(WORLD.genesis(), org.oversight.ledger.security.Role.OPERATOR);
                assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
                genesisDone = true;
            }
        }
    }

    static byte[] batchBody(List<SignedEvent> events) {
        StringBuilder b = new StringBuilder("[");
        for (SignedEvent e : events) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(new String(e.leafBytes(), StandardCharsets.UTF_8));
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    MvcResult submit(byte[] body, org.oversight.ledger.security.Role role) throws Exception {
        return mvc.perform(post("/v1/events").header("Authorization", bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    MvcResult submit(SignedEvent e) throws Exception {
        return submit(e.leafBytes(), org.oversight.ledger.security.Role.OFFICER);
    }

    MvcResult batch(List<SignedEvent> events, org.oversight.ledger.security.Role role) throws Exception {
        return mvc.perform(post("/v1/events/batch").header("Authorization", bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(batchBody(events))).andReturn();
    }

    static JsonNode json(MvcResult r) throws Exception {
        return JSON.readTree(r.getResponse().getContentAsByteArray());
    }

    static void assertProblem(MvcResult r, int status, String rule, String detailPart) throws Exception {
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("type").asText()).isEqualTo("urn:oversight:problem:" + rule);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).contains(detailPart);
    }

    /** A newly registered camera (on the server), returning its id; its key number is its counter. */
    synchronized String newCamera() throws Exception {
        int n = ++cameraCounter;
        String id = "cam-api-" + n;
        MvcResult r = submit(WORLD.chains.next(WORLD.camera(id, n), WORLD.authority));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        return id;
    }

    /**
     * Over the wire (multipart is parsed by the servlet layer before any controller): anything but
     * application/json is a 415 problem and stores nothing; {@code application/json; charset=utf-8}
     * is accepted. Multipart used to end in a 500, text/plain, form bodies and no type were accepted.
     */
    @Test
    void nonJsonContentTypesAre415AndStoreNothing() throws Exception {
        SignedEvent event = new Chains().next(new KeyEnrolled("content-type-test", Role.REVIEWER,
                World.distinctKey(7_415).publicKey()), WORLD.authority);
        byte[] single = event.leafBytes();
        byte[] batch = batchBody(List.of(event));
        String auth = "Authorization: " + bearer(org.oversight.ledger.security.Role.OPERATOR);
        long size = sequencer.committed().size();
        byte[] multipart = ("--b\r\nContent-Disposition: form-data; name=\"event\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + new String(single, StandardCharsets.UTF_8) + "\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/v1/events", "/v1/events/batch")) {
            byte[] body = path.endsWith("batch") ? batch : single;
            RawHttp.assertProblem(RawHttp.post(port, path, body, auth), 415, "unsupported-media-type");
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/octet-stream",
                    "application/json; charset=iso-8859-1", "application/vnd.oversight+json")) {
                RawHttp.assertProblem(RawHttp.post(port, path, body, auth, "Content-Type: " + type), 415,
                        "unsupported-media-type");
            }
            RawHttp.assertProblem(RawHttp.post(port, path, multipart, auth, "Content-Type: multipart/form-data; boundary=b"),
                    415, "unsupported-media-type");
        }
        assertThat(sequencer.committed().size()).as("nothing stored").isEqualTo(size);
        RawHttp.Response accepted = RawHttp.post(port, "/v1/events", single, auth,
                "Content-Type: application/json; charset=UTF-8");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    @Test
    void firstLeafIsTheSelfSignedGenesisAuthority() throws Exception {
        MvcResult r = mvc.perform(get("/v1/entries?start=0&count=2").header("Authorization",
                bearer(org.oversight.ledger.security.Role.AUDITOR))).andReturn();
        JsonNode entries = json(r).get("entries");
        JsonNode header = entries.get(0).get("event").get("header");
        assertThat(entries.get(0).get("leafIndex").asLong()).isZero();
        assertThat(header.get("type").asText()).isEqualTo("AuthorityDeclared");
        assertThat(header.get("signer").asText()).isEqualTo(WORLD.authority.publicKey().keyId().hex());
        assertThat(entries.get(1).get("event").get("header").get("type").asText()).isEqualTo("KeyEnrolled");
    }

    @Test
    void acceptedEventReportsItsIdHashAndLeafIndexAndResubmissionIsIdempotent() throws Exception {
        int n;
        synchronized (this) {
            n = ++cameraCounter;
        }
        SignedEvent reg = WORLD.chains.next(WORLD.camera("cam-api-" + n, n), WORLD.authority);
        MvcResult first = submit(reg);
        assertThat(first.getResponse().getStatus()).as(first.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode body = json(first);
        assertThat(body.get("eventId").asText()).isEqualTo(reg.header().eventId());
        assertThat(body.get("eventHash").asText()).isEqualTo(reg.eventHash().hex());
        long leaf = body.get("leafIndex").asLong();
        assertThat(leaf).isEqualTo(sequencer.committed().size() - 1);
        long size = sequencer.committed().size();

        MvcResult again = submit(reg);
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(body);
        assertThat(again.getResponse().getHeader("Oversight-Duplicate")).isEqualTo("true");
        assertThat(sequencer.committed().size()).as("stored once").isEqualTo(size);

        MvcResult read = mvc.perform(get("/v1/events/" + reg.header().eventId()).header("Authorization",
                bearer(org.oversight.ledger.security.Role.AUDITOR))).andReturn();
        assertThat(json(read).get("leafIndex").asLong()).isEqualTo(leaf);
        assertThat(json(read).get("event")).isEqualTo(JSON.readTree(reg.leafBytes()));
    }

    @Test
    void nonCanonicalBytesAreRejected() throws Exception {
        SignedEvent reg = WORLD.chains.peek(WORLD.camera("cam-nc", 90), WORLD.authority);
        byte[] spaced = new String(reg.leafBytes(), StandardCharsets.UTF_8).replaceFirst(":", ": ")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(submit(spaced, org.oversight.ledger.security.Role.OFFICER), 400, "non-canonical", "");
        assertProblem(submit("{\"header\":1}".getBytes(StandardCharsets.UTF_8),
                org.oversight.ledger.security.Role.OFFICER), 400, "invalid-event", "$.v");
    }

    @Test
    void chainAndSignerRejectionsAreProblemsNamingTheField() throws Exception {
        String camera = newCamera();
        SignedEvent gap = Chains.at(World.detection(camera, 1), World.cameraKey(cameraCounterOf(camera)), 5,
                java.util.Optional.of(org.oversight.domain.event.EventHash.ofLeafBytes(new byte[] {1})));
        assertProblem(submit(gap), 409, "sequence-gap", "header.seq: 5");
        SignedEvent stranger = WORLD.chains.peek(World.detection(camera, 1), EventFixtures.key(120));
        assertProblem(submit(stranger), 422, "unknown-signer", "header.signer");
    }

    private static int cameraCounterOf(String cameraId) {
        return Integer.parseInt(cameraId.substring("cam-api-".length()));
    }

    @Test
    void interleavedStreamsOfOneBatchGetLeavesInRequestOrder() throws Exception {
        String a = newCamera();
        String b = newCamera();
        Chains local = new Chains();
        SignedEvent a0 = local.next(World.detection(a, 0), World.cameraKey(cameraCounterOf(a)));
        SignedEvent b0 = local.next(World.detection(b, 0), World.cameraKey(cameraCounterOf(b)));
        SignedEvent a1 = local.next(World.detection(a, 1), World.cameraKey(cameraCounterOf(a)));
        SignedEvent b1 = local.next(World.detection(b, 1), World.cameraKey(cameraCounterOf(b)));
        MvcResult ok = batch(List.of(a0, b0, a1, a0, b1), org.oversight.ledger.security.Role.OPERATOR);
        assertThat(ok.getResponse().getStatus()).as(ok.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode results = json(ok).get("results");
        long first = results.get(0).get("leafIndex").asLong();
        assertThat(results.get(1).get("leafIndex").asLong()).isEqualTo(first + 1);
        assertThat(results.get(2).get("leafIndex").asLong()).isEqualTo(first + 2);
        assertThat(results.get(3).get("leafIndex").asLong()).as("duplicate in the request").isEqualTo(first);
        assertThat(results.get(4).get("leafIndex").asLong()).isEqualTo(first + 3);
        assertThat(axonEvents("detections/" + a)).containsExactly(0L, 1L);
        assertThat(axonEvents("detections/" + b)).containsExactly(0L, 1L);
        MvcResult leaf = mvc.perform(get("/v1/entries?start=" + (first + 1) + "&count=1").header("Authorization",
                bearer(org.oversight.ledger.security.Role.AUDITOR))).andReturn();
        assertThat(json(leaf).get("entries").get(0).get("event").get("header").get("eventId").asText())
                .isEqualTo(b0.header().eventId());
    }

    @Test
    void theFirstRejectedEventInRequestOrderIsReportedWhateverItsStream() throws Exception {
        long size = sequencer.committed().size();
        String a = newCamera();
        String b = newCamera();
        size = sequencer.committed().size();
        Chains local = new Chains();
        SignedEvent a0 = local.next(World.detection(a, 0), World.cameraKey(cameraCounterOf(a)));
        SignedEvent b0 = local.peek(World.detection(b, 0), World.cameraKey(cameraCounterOf(b)));
        String otherSig = local.peek(World.detection(b, 1), World.cameraKey(cameraCounterOf(b))).signature()
                .toBase64();
        SignedEvent forgedB0 = SignedEvent.parse(new String(b0.leafBytes(), StandardCharsets.UTF_8)
                .replace(b0.signature().toBase64(), otherSig).getBytes(StandardCharsets.UTF_8));
        SignedEvent gapA = Chains.at(World.detection(a, 2), World.cameraKey(cameraCounterOf(a)), 4,
                java.util.Optional.of(a0.eventHash()));
        // Checked per stream, stream a (a0, gapA) would fail first; in request order events[1] fails.
        MvcResult r = batch(List.of(a0, forgedB0, gapA), org.oversight.ledger.security.Role.OPERATOR);
        assertProblem(r, 422, "bad-signature", "events[1] sig:");
        assertThat(sequencer.committed().size()).as("nothing stored").isEqualTo(size);
        assertThat(axonEvents("detections/" + a)).isEmpty();
    }

    @Test
    void batchIsAllOrNothing() throws Exception {
        long size = sequencer.committed().size();
        Chains local = new Chains();
        int n;
        synchronized (this) {
            n = ++cameraCounter;
        }
        String camera = "cam-api-" + n;
        SignedEvent reg = local.next(WORLD.camera(camera, n), WORLD.authority);
        SignedEvent d0 = local.next(World.detection(camera, 0), World.cameraKey(n));
        SignedEvent badGap = Chains.at(World.detection(camera, 1), World.cameraKey(n), 3, java.util.Optional.of(
                d0.eventHash()));
        MvcResult r = batch(List.of(reg, d0, badGap), org.oversight.ledger.security.Role.OPERATOR);
        assertProblem(r, 409, "sequence-gap", "events[2] header.seq: 3");
        assertThat(sequencer.committed().size()).as("nothing stored").isEqualTo(size);
        MvcResult lookup = mvc.perform(get("/v1/events/" + reg.header().eventId()).header("Authorization",
                bearer(org.oversight.ledger.security.Role.AUDITOR))).andReturn();
        assertProblem(lookup, 404, "not-found", reg.header().eventId());
        assertThat(axonEvents("camera/" + camera)).as("no Axon event of the rejected batch").isEmpty();

        // The same batch without the bad event: the registry state of the rejected batch is gone,
        // and enrol-then-use within one batch works.
        MvcResult ok = batch(List.of(reg, d0), org.oversight.ledger.security.Role.OPERATOR);
        assertThat(ok.getResponse().getStatus()).as(ok.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode results = json(ok).get("results");
        assertThat(results.get(0).get("leafIndex").asLong()).isEqualTo(size);
        assertThat(results.get(1).get("leafIndex").asLong()).isEqualTo(size + 1);
        assertThat(axonEvents("camera/" + camera)).containsExactly(0L);
        assertThat(axonEvents("detections/" + camera)).containsExactly(0L);
        WORLD.chains.advance(reg);
    }

    @Test
    void fullMatchFlowNeedsTwoConfirmationsBeforeAction() throws Exception {
        String camera = newCamera();
        SignedEvent detection = WORLD.chains.next(World.detection(camera, 1), World.cameraKey(cameraCounterOf(camera)));
        long detectionLeaf = json(submit(detection)).get("leafIndex").asLong();
        String matchId = "m-" + camera;
        List<SignedEvent> flow = new ArrayList<>();
        flow.add(WORLD.chains.next(World.match(matchId, detection, detectionLeaf), WORLD.engine));
        flow.add(WORLD.chains.next(World.review(matchId, Verdict.CONFIRM), WORLD.reviewers[0]));
        assertThat(batch(flow, org.oversight.ledger.security.Role.OPERATOR).getResponse().getStatus()).isEqualTo(200);
        SignedEvent early = WORLD.chains.peek(World.action(matchId), WORLD.officer);
        assertProblem(submit(early), 422, "insufficient-confirmations", "has 1 confirmation(s)");
        SignedEvent twice = WORLD.chains.peek(World.review(matchId, Verdict.CONFIRM), WORLD.reviewers[0]);
        assertProblem(submit(twice), 409, "duplicate-review", "reviewer-1");
        assertThat(submit(WORLD.chains.next(World.review(matchId, Verdict.CONFIRM), WORLD.reviewers[1]))
                .getResponse().getStatus()).isEqualTo(200);
        MvcResult action = submit(WORLD.chains.next(World.action(matchId), WORLD.officer));
        assertThat(action.getResponse().getStatus()).as(action.getResponse().getContentAsString()).isEqualTo(200);
    }

    @Test
    void readsOfBiometricDataAreRecorded() throws Exception {
        String camera = newCamera();
        SignedEvent detection = WORLD.chains.next(World.detection(camera, 2), World.cameraKey(cameraCounterOf(camera)));
        assertThat(submit(detection).getResponse().getStatus()).isEqualTo(200);
        long before = audit.count();
        mvc.perform(get("/v1/events/" + detection.header().eventId()).header("Authorization",
                bearer(org.oversight.ledger.security.Role.REVIEWER))).andReturn();
        assertThat(audit.count()).isEqualTo(before + 1);
    }

    @Test
    void sizeLimitsGive413() throws Exception {
        byte[] huge = new byte[70_000];
        Arrays.fill(huge, (byte) ' ');
        assertProblem(submit(huge, org.oversight.ledger.security.Role.OFFICER), 413, "payload-too-large", "limit");
        List<SignedEvent> many = new ArrayList<>();
        Chains local = new Chains();
        for (int i = 0; i < 51; i++) {
            many.add(local.next(new KeyEnrolled("bulk-" + i, Role.REVIEWER, EventFixtures.key(200).publicKey()),
                    WORLD.authority));
        }
        assertProblem(batch(many, org.oversight.ledger.security.Role.OPERATOR), 413, "payload-too-large", "limit 50");
    }

    @Test
    void lateSelfSignedAuthorityIsAGenesisViolation() throws Exception {
        org.oversight.domain.crypto.Ed25519PrivateKey usurper = World.distinctKey(90_000);
        SignedEvent late = Chains.at(new org.oversight.domain.event.AuthorityDeclared("authority-late", "Usurper",
                usurper.publicKey()), usurper, 0, java.util.Optional.empty());
        assertProblem(submit(late), 422, "genesis-violation", "genesis closed");
    }

    @Test
    void ledgerKeysArePublishedForEnrolment() throws Exception {
        JsonNode keys = json(mvc.perform(get("/v1/keys").header("Authorization",
                bearer(org.oversight.ledger.security.Role.AUDITOR))).andReturn());
        assertThat(keys.get("log").get("keyName").asText()).isEqualTo("test.oversight/log");
        assertThat(keys.get("engine").get("publicKey").asText()).startsWith("ed25519:");
        assertThat(java.nio.file.Files.exists(DATA_DIR.resolve("keys/log.key"))).isTrue();
    }

    @Test
    void aReusedEventIdForDifferentBytesIsRefused() throws Exception {
        int n;
        synchronized (this) {
            n = ++cameraCounter;
        }
        SignedEvent first = org.oversight.domain.event.EventSigner.sign("reused-id-" + n, 0, java.util.Optional.empty(),
                EventFixtures.time("2026-11-27T10:00:00.000Z"), WORLD.camera("cam-api-" + n, n), WORLD.authority);
        assertThat(submit(first).getResponse().getStatus()).isEqualTo(200);
        SignedEvent second = org.oversight.domain.event.EventSigner.sign("reused-id-" + n, 0,
                java.util.Optional.empty(), EventFixtures.time("2026-11-27T10:00:00.000Z"),
                WORLD.camera("cam-api-" + n + "-b", n + 1000), WORLD.authority);
        assertProblem(submit(second), 409, "event-id-conflict", "header.eventId: 'reused-id-" + n + "'");
        assertThat(submit(first).getResponse().getHeader("Oversight-Duplicate")).isEqualTo("true");
    }
}
