package org.oversight.ledger.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.testing.LedgerAppTest;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@code POST /v1/vault/blobs} over MockMvc: a batch of sealed blobs is stored in order under the
 * digests of their bytes, idempotently, all or nothing; every failure mode answers a problem naming
 * the blob and stores nothing of the batch.
 */
class VaultBlobBatchApiTest extends LedgerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    VaultStore store;

    @Autowired
    VaultProperties properties;

    private static byte[] array(List<byte[]> blobs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < blobs.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(blobs.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    private MockHttpServletResponse postBlobs(byte[] body, Role role) throws Exception {
        return mvc.perform(post("/v1/vault/blobs").header("Authorization", bearer(role))
                .contentType("application/json").content(body)).andReturn().getResponse();
    }

    private String epoch() throws Exception {
        String epoch = "epoch-" + UUID.randomUUID();
        MockHttpServletResponse r = mvc.perform(post("/v1/vault/epochs/" + epoch + "/key")
                .header("Authorization", bearer(Role.AUTHORITY))).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        return epoch;
    }

    private static void assertProblem(MockHttpServletResponse r, int status, String rule, String detail)
            throws Exception {
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.getContentAsByteArray());
        assertThat(problem.get("type").asText()).isEqualTo("urn:oversight:problem:" + rule);
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    private void assertNoneStored(List<byte[]> blobs) {
        for (byte[] b : blobs) {
            assertThat(store.blob(Sha256Digest.hash(b))).as("stored although the batch was refused").isEmpty();
        }
    }

    @Test
    void aBatchIsStoredInOrderUnderItsDigestsAndIsIdempotent() throws Exception {
        String epoch = epoch();
        List<byte[]> blobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blobs.add(VaultApiTest.blob(epoch, "detections/cam-b1", i, "batch " + i + " " + epoch));
        }
        MockHttpServletResponse first = postBlobs(array(blobs), Role.CAMERA);
        assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(200);
        JsonNode results = JSON.readTree(first.getContentAsByteArray()).get("results");
        assertThat(results).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode r = results.get(i);
            assertThat(r.get("blobDigest").asText()).isEqualTo(Sha256Digest.hash(blobs.get(i)).hex());
            assertThat(r.get("epoch").asText()).isEqualTo(epoch);
            assertThat(r.get("stream").asText()).isEqualTo("detections/cam-b1");
            assertThat(r.get("seq").asLong()).isEqualTo(i);
            assertThat(r.get("duplicate").asBoolean()).isFalse();
            MockHttpServletResponse read = mvc.perform(get("/v1/vault/blobs/" + r.get("blobDigest").asText())
                    .header("Authorization", bearer(Role.WITNESS))).andReturn().getResponse();
            assertThat(read.getContentAsByteArray()).isEqualTo(blobs.get(i));
        }
        // Resubmission after a lost answer (and a blob stored by PUT before): nothing changes.
        byte[] extra = VaultApiTest.blob(epoch, "detections/cam-b1", 5, "extra " + epoch);
        store.putBlob(Sha256Digest.hash(extra), extra, epoch, "detections/cam-b1", 5);
        List<byte[]> again = new ArrayList<>(blobs);
        again.add(extra);
        MockHttpServletResponse second = postBlobs(array(again), Role.OPERATOR);
        assertThat(second.getStatus()).as(second.getContentAsString()).isEqualTo(200);
        for (JsonNode r : JSON.readTree(second.getContentAsByteArray()).get("results")) {
            assertThat(r.get("duplicate").asBoolean()).isTrue();
        }
        assertThat(store.liveBlobs(epoch)).hasSize(6);
    }

    @Test
    void oneErasedBlobRefusesTheWholeBatch() throws Exception {
        String epoch = epoch();
        byte[] gone = VaultApiTest.blob(epoch, "detections/cam-b2", 0, "gone " + epoch);
        store.putBlob(Sha256Digest.hash(gone), gone, epoch, "detections/cam-b2", 0);
        store.eraseBlob(Sha256Digest.hash(gone));
        byte[] fresh = VaultApiTest.blob(epoch, "detections/cam-b2", 1, "fresh " + epoch);
        assertProblem(postBlobs(array(List.of(fresh, gone)), Role.CAMERA), 409, "record-erased",
                "blobs[1]: " + Sha256Digest.hash(gone).hex());
        assertNoneStored(List.of(fresh));
        assertThat(store.blob(Sha256Digest.hash(gone)).orElseThrow().erased()).isTrue();
    }

    @Test
    void everyFailureModeNamesTheBlobAndStoresNothing() throws Exception {
        String epoch = epoch();
        byte[] ok = VaultApiTest.blob(epoch, "detections/cam-b3", 0, "ok " + epoch);
        List<byte[]> okOnly = List.of(ok);

        byte[] unknown = VaultApiTest.blob("epoch-" + UUID.randomUUID(), "detections/cam-b3", 1, "unknown");
        assertProblem(postBlobs(array(List.of(ok, unknown)), Role.CAMERA), 422, "unknown-epoch", "blobs[1]");
        assertNoneStored(okOnly);

        String closed = epoch();
        store.destroyEpochKey(closed, java.time.Instant.now());
        byte[] late = VaultApiTest.blob(closed, "detections/cam-b3", 2, "late");
        assertProblem(postBlobs(array(List.of(ok, late)), Role.CAMERA), 409, "epoch-closed", "blobs[1]");
        assertNoneStored(okOnly);

        byte[] notABlob = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        assertProblem(postBlobs(array(List.of(ok, notABlob)), Role.CAMERA), 400, "invalid-blob", "blobs[1]");
        assertNoneStored(okOnly);

        byte[] spaced = ("[ " + new String(ok, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);
        assertProblem(postBlobs(spaced, Role.CAMERA), 400, "invalid-blob", "not canonical");
        assertProblem(postBlobs("{\"blobs\":[]}".getBytes(StandardCharsets.UTF_8), Role.CAMERA), 400,
                "malformed-request", "JSON array");
        assertProblem(postBlobs("[]".getBytes(StandardCharsets.UTF_8), Role.CAMERA), 400, "malformed-request",
                "empty");
        assertProblem(postBlobs("[{".getBytes(StandardCharsets.UTF_8), Role.CAMERA), 400, "malformed-request",
                "not JSON");
        assertNoneStored(okOnly);

        byte[] huge = ("{\"ciphertext\":\"" + "A".repeat(properties.getMaxBlobBytes()) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(postBlobs(array(List.of(ok, huge)), Role.CAMERA), 413, "payload-too-large", "blobs[1]");
        assertNoneStored(okOnly);

        List<byte[]> tooMany = new ArrayList<>();
        for (int i = 0; i <= properties.getMaxBatchBlobs(); i++) {
            tooMany.add(VaultApiTest.blob(epoch, "detections/cam-b4", i, "many"));
        }
        assertProblem(postBlobs(array(tooMany), Role.CAMERA), 413, "payload-too-large",
                (properties.getMaxBatchBlobs() + 1) + " blobs");
        assertNoneStored(tooMany);

        MockHttpServletResponse text = mvc.perform(post("/v1/vault/blobs").header("Authorization",
                bearer(Role.CAMERA)).contentType("text/plain").content(array(okOnly))).andReturn().getResponse();
        assertProblem(text, 415, "unsupported-media-type", "");
        assertNoneStored(okOnly);
    }

    @Test
    void aBodyAboveTheBatchLimitIsRefusedBeforeItIsRead() {
        VaultProperties small = new VaultProperties();
        small.setMaxBatchBytes(1024);
        VaultBlobBatchController controller = new VaultBlobBatchController(store, small);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/vault/blobs");
        request.setContentType("application/json");
        request.setContent(new byte[2048]);
        assertThatThrownBy(() -> controller.putAll(request)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
        assertThatThrownBy(() -> small.setMaxBatchBlobs(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> small.setMaxBatchBytes(100)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Fuzz: one- to three-byte mutations of a valid batch never get a 500 and never store a blob
     * other than one the body holds as a canonical sealed blob (the fast split and the reference
     * parse agree, or the problem is named).
     */
    @Test
    void mutatedBatchesAreRefusedOrStoredExactly() throws Exception {
        String epoch = epoch();
        List<byte[]> blobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blobs.add(VaultApiTest.blob(epoch, "detections/cam-fz", i, "fuzz " + i));
        }
        byte[] valid = array(blobs);
        java.util.Random random = new java.util.Random(20261206);
        byte[] alphabet = "[]{},:\"\\ 0a".getBytes(StandardCharsets.UTF_8);
        int stored = 0;
        for (int round = 0; round < 300; round++) {
            byte[] body = valid.clone();
            for (int m = 0; m <= random.nextInt(3); m++) {
                int at = random.nextInt(body.length);
                body[at] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            MockHttpServletResponse r = postBlobs(body, Role.CAMERA);
            assertThat(r.getStatus()).as("round %d: %s", round, r.getContentAsString()).isIn(200, 400, 409, 413, 422);
            if (r.getStatus() == 200) {
                stored++;
                for (JsonNode result : JSON.readTree(r.getContentAsByteArray()).get("results")) {
                    byte[] bytes = store.blob(Sha256Digest.fromHex(result.get("blobDigest").asText())).orElseThrow()
                            .bytes().orElseThrow();
                    org.oversight.domain.seal.SealedBlob.parse(bytes); // canonical, or this throws
                    assertThat(new String(body, StandardCharsets.ISO_8859_1))
                            .contains(new String(bytes, StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(stored).as("some mutations leave a valid batch (e.g. inside ciphertext)").isGreaterThan(0);
    }

    /** A sealed blob of a watchlist entry's enrolment record (stream {@code watchlist/<entry>}) of about {@code size} bytes. */
    private static byte[] entryBlob(String epoch, String entry, int size) {
        byte[] ciphertext = new byte[size * 3 / 4];
        new java.util.Random(size).nextBytes(ciphertext);
        return new org.oversight.domain.seal.SealedBlob(ciphertext, epoch,
                org.oversight.domain.event.StreamId.watchlist(entry), 0, List.of(new org.oversight.domain.seal.WrappedKey(
                        "vault", new byte[org.oversight.domain.seal.WrappedKey.ENC_LENGTH],
                        new byte[org.oversight.domain.seal.WrappedKey.WRAPPED_LENGTH]))).canonicalBytes();
    }

    /**
     * The batch holds each blob to its stream's limit, as the {@code PUT} does: a watchlist entry's
     * sealed enrolment record may exceed a detection's 1 MiB up to
     * {@code max-watchlist-blob-bytes} (8,650,752 bytes, format.md §12.7); above it, or a detection's
     * blob above 1 MiB, is refused naming the blob, and nothing of the batch is stored.
     */
    @Test
    void eachBlobIsHeldToItsStreamsLimitAsByThePut() throws Exception {
        String epoch = epoch();
        byte[] ok = VaultApiTest.blob(epoch, "detections/cam-b6", 0, "ok " + epoch);
        byte[] entry = entryBlob(epoch, "entry-big-" + UUID.randomUUID(), 3 * properties.getMaxBlobBytes() / 2);
        assertThat(entry.length).isGreaterThan(properties.getMaxBlobBytes())
                .isLessThanOrEqualTo(properties.getMaxWatchlistBlobBytes());

        // (The operator's credential: this is the size check alone; officers' POST is the roles test's.)
        MockHttpServletResponse r = postBlobs(array(List.of(ok, entry)), Role.OPERATOR);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(store.blob(Sha256Digest.hash(entry)).orElseThrow().bytes().orElseThrow()).isEqualTo(entry);
        assertThat(JSON.readTree(r.getContentAsByteArray()).get("results").get(1).get("stream").asText())
                .startsWith("watchlist/entry-big-");

        byte[] ok2 = VaultApiTest.blob(epoch, "detections/cam-b6", 1, "ok2 " + epoch);
        // About the largest ciphertext the format allows (6,291,472 bytes), then more base64 in it: above the limit.
        String largest = new String(entryBlob(epoch, "entry-huge-" + UUID.randomUUID(),
                8_388_000), StandardCharsets.UTF_8);
        byte[] tooBig = largest.replace("\"ciphertext\":\"", "\"ciphertext\":\"" + "AAAA".repeat(
                (properties.getMaxWatchlistBlobBytes() - largest.length()) / 4 + 1)).getBytes(StandardCharsets.UTF_8);
        assertThat(tooBig.length).isGreaterThan(properties.getMaxWatchlistBlobBytes());
        assertProblem(postBlobs(array(List.of(ok2, tooBig)), Role.CAMERA), 413, "payload-too-large", "blobs[1]");
        assertNoneStored(List.of(ok2, tooBig));

        // A detection's blob is held to max-blob-bytes (below the format's 1 MiB only when configured so).
        VaultProperties small = new VaultProperties();
        small.setMaxBlobBytes(1024);
        byte[] bigDetection = VaultApiTest.blob(epoch, "detections/cam-b6", 2, "x".repeat(1024));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/vault/blobs");
        request.setContentType("application/json");
        request.setContent(array(List.of(ok2, bigDetection)));
        assertThatThrownBy(() -> new VaultBlobBatchController(store, small).putAll(request))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE);
                    assertThat(e.getMessage()).startsWith("blobs[1]: " + bigDetection.length + " bytes for a sealed"
                            + " blob of stream detections/cam-b6, limit 1024 (oversight.vault.max-blob-bytes)");
                });
        assertNoneStored(List.of(ok2, bigDetection));
    }

    /** Storing a blob by {@code POST} is allowed to exactly the roles its {@code PUT} is. */
    @Test
    void thePostAcceptsExactlyTheRolesThePutAccepts() throws Exception {
        String epoch = epoch();
        for (Role role : Role.values()) {
            byte[] viaPut = VaultApiTest.blob(epoch, "detections/cam-b5", 0, "put " + role + epoch);
            byte[] viaPost = VaultApiTest.blob(epoch, "detections/cam-b5", 0, "post " + role + epoch);
            MockHttpServletResponse put = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .put("/v1/vault/blobs/" + Sha256Digest.hash(viaPut).hex()).header("Authorization", bearer(role))
                    .contentType("application/json").content(viaPut)).andReturn().getResponse();
            MockHttpServletResponse post = postBlobs(array(List.of(viaPost)), role);
            assertThat(put.getStatus()).as(role + " PUT: " + put.getContentAsString()).isIn(201, 403);
            if (put.getStatus() == 403) {
                assertProblem(post, 403, "forbidden", "");
                assertNoneStored(List.of(viaPost));
            } else {
                assertThat(post.getStatus()).as(role + " POST: " + post.getContentAsString()).isEqualTo(200);
            }
        }
        // Officers store their sealed entries' blobs by either.
        byte[] body = array(List.of(VaultApiTest.blob(epoch, "detections/cam-b5", 1, "officer " + epoch)));
        assertThat(postBlobs(body, Role.OFFICER).getStatus()).isEqualTo(200);
        assertThat(mvc.perform(post("/v1/vault/blobs").contentType("application/json").content(body)).andReturn()
                .getResponse().getStatus()).isEqualTo(401);
    }
}
