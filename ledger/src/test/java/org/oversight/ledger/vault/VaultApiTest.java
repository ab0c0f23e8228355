package org.oversight.ledger.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import java.util.List;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.seal.SealedBlob;
import org.oversight.domain.seal.WrappedKey;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.testing.LedgerAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/** The vault's blob and epoch-key endpoints over MockMvc: statuses, problems, roles, idempotency. */
class VaultApiTest extends LedgerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    VaultStore store;

    /** A well-formed sealed blob (its ciphertext is filler: the vault stores, it does not open). */
    static byte[] blob(String epoch, String stream, long seq, String filler) {
        byte[] ciphertext = ("sixteen byte tag" + filler).getBytes(StandardCharsets.UTF_8);
        return new SealedBlob(ciphertext, epoch, StreamId.detections(stream.substring("detections/".length())), seq,
                List.of(new WrappedKey("vault", new byte[WrappedKey.ENC_LENGTH], new byte[WrappedKey.WRAPPED_LENGTH])))
                .canonicalBytes();
    }

    private MockHttpServletResponse putBlob(String digest, byte[] body, Role role) throws Exception {
        return mvc.perform(put("/v1/vault/blobs/" + digest).header("Authorization", bearer(role))
                .contentType("application/json").content(body)).andReturn().getResponse();
    }

    private MockHttpServletResponse getBlob(String digest, Role role) throws Exception {
        return mvc.perform(get("/v1/vault/blobs/" + digest).header("Authorization", bearer(role)))
                .andReturn().getResponse();
    }

    private MockHttpServletResponse epochKey(String epoch, Role role) throws Exception {
        return mvc.perform(post("/v1/vault/epochs/" + epoch + "/key").header("Authorization", bearer(role)))
                .andReturn().getResponse();
    }

    private static String epoch() {
        return "epoch-" + UUID.randomUUID();
    }

    private static void assertProblem(MockHttpServletResponse r, int status, String rule) throws Exception {
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.getContentAsByteArray()).get("type").asText())
                .isEqualTo("urn:oversight:problem:" + rule);
    }

    @Test
    void epochKeyIsGeneratedOnceAndReturnedOnEveryCall() throws Exception {
        String epoch = epoch();
        MockHttpServletResponse first = epochKey(epoch, Role.AUTHORITY);
        assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(200);
        JsonNode key = JSON.readTree(first.getContentAsByteArray());
        assertThat(key.get("publicKey").asText()).startsWith("x25519:").hasSize(7 + 44);
        assertThat(key.get("recipient").asText()).isEqualTo("vault");
        assertThat(key.get("kind").asText()).isEqualTo("vault");
        JsonNode again = JSON.readTree(epochKey(epoch, Role.OPERATOR).getContentAsByteArray());
        assertThat(again.get("publicKey").asText()).isEqualTo(key.get("publicKey").asText());
        assertThat(JSON.readTree(epochKey(epoch(), Role.OPERATOR).getContentAsByteArray()).get("publicKey").asText())
                .isNotEqualTo(key.get("publicKey").asText());
    }

    @Test
    void epochKeyRolesAndBadIdentifiers() throws Exception {
        assertProblem(epochKey(epoch(), Role.CAMERA), 403, "forbidden");
        assertProblem(epochKey(epoch(), Role.WITNESS), 403, "forbidden");
        assertProblem(epochKey("bad%20epoch", Role.AUTHORITY), 400, "malformed-request");
        assertProblem(mvc.perform(post("/v1/vault/epochs/" + epoch() + "/key")).andReturn().getResponse(), 401,
                "unauthenticated");
    }

    @Test
    void aClosedEpochGetsNoNewKeyAndNoBlobs() throws Exception {
        String epoch = epoch();
        epochKey(epoch, Role.AUTHORITY);
        store.destroyEpochKey(epoch, java.time.Instant.now());
        assertProblem(epochKey(epoch, Role.AUTHORITY), 409, "epoch-closed");
        byte[] body = blob(epoch, "detections/cam-closed", 0, "x");
        assertProblem(putBlob(Sha256Digest.hash(body).hex(), body, Role.CAMERA), 409, "epoch-closed");
    }

    @Test
    void blobIsContentAddressedAndIdempotent() throws Exception {
        String epoch = epoch();
        epochKey(epoch, Role.AUTHORITY);
        byte[] body = blob(epoch, "detections/cam-v1", 3, "ciphertext " + epoch);
        String digest = Sha256Digest.hash(body).hex();
        MockHttpServletResponse created = putBlob(digest, body, Role.CAMERA);
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        JsonNode view = JSON.readTree(created.getContentAsByteArray());
        assertThat(view.get("epoch").asText()).isEqualTo(epoch);
        assertThat(view.get("stream").asText()).isEqualTo("detections/cam-v1");
        assertThat(view.get("seq").asLong()).isEqualTo(3);
        MockHttpServletResponse again = putBlob(digest, body, Role.OPERATOR);
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.getHeader("Oversight-Duplicate")).isEqualTo("true");

        MockHttpServletResponse read = getBlob(digest, Role.WITNESS);
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getContentAsByteArray()).isEqualTo(body);
        assertThat(getBlob(digest, Role.AUDITOR).getContentAsByteArray()).isEqualTo(body);
    }

    @Test
    void blobProblems() throws Exception {
        String epoch = epoch();
        epochKey(epoch, Role.AUTHORITY);
        byte[] body = blob(epoch, "detections/cam-v2", 0, "abc");
        byte[] other = blob(epoch, "detections/cam-v2", 1, "abc");
        assertProblem(putBlob(Sha256Digest.hash(other).hex(), body, Role.CAMERA), 409, "digest-mismatch");
        assertProblem(putBlob(Sha256Digest.hash(body).hex().toUpperCase(), body, Role.CAMERA), 400, "malformed-request");
        assertProblem(putBlob("abc", body, Role.CAMERA), 400, "malformed-request");
        byte[] notCanonical = "{ \"v\": 1 }".getBytes(StandardCharsets.UTF_8);
        assertProblem(putBlob(Sha256Digest.hash(notCanonical).hex(), notCanonical, Role.CAMERA), 400, "invalid-blob");
        byte[] unknown = blob(epoch(), "detections/cam-v2", 0, "abc");
        assertProblem(putBlob(Sha256Digest.hash(unknown).hex(), unknown, Role.CAMERA), 422, "unknown-epoch");
        byte[] huge = ("{\"ciphertext\":\"" + "A".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(putBlob(Sha256Digest.hash(huge).hex(), huge, Role.CAMERA), 413, "payload-too-large");
        MockHttpServletResponse text = mvc.perform(put("/v1/vault/blobs/" + Sha256Digest.hash(body).hex())
                .header("Authorization", bearer(Role.CAMERA)).contentType("text/plain").content(body))
                .andReturn().getResponse();
        assertProblem(text, 415, "unsupported-media-type");
        assertProblem(getBlob(Sha256Digest.hash(body).hex(), Role.WITNESS), 404, "not-found");
        assertThat(store.blob(Sha256Digest.hash(body))).isEmpty();
    }

    @Test
    void onlyCamerasOperatorsAndOfficersWriteAndOnlyWitnessesAndAuditorsRead() throws Exception {
        String epoch = epoch();
        epochKey(epoch, Role.AUTHORITY);
        byte[] body = blob(epoch, "detections/cam-v3", 0, "roles");
        String digest = Sha256Digest.hash(body).hex();
        for (Role role : new Role[] {Role.WITNESS, Role.AUDITOR, Role.REVIEWER, Role.AUTHORITY}) {
            assertProblem(putBlob(digest, body, role), 403, "forbidden");
        }
        assertThat(putBlob(digest, body, Role.CAMERA).getStatus()).isEqualTo(201);
        // Officers store their sealed watchlist entries' blobs by the same PUT.
        assertThat(putBlob(digest, body, Role.OFFICER).getStatus()).isEqualTo(200);
        for (Role role : new Role[] {Role.CAMERA, Role.OPERATOR, Role.OFFICER, Role.REVIEWER, Role.AUTHORITY}) {
            assertProblem(getBlob(digest, role), 403, "forbidden");
        }
        assertProblem(mvc.perform(get("/v1/vault/blobs/" + digest)).andReturn().getResponse(), 401, "unauthenticated");
        assertProblem(mvc.perform(get("/tile/vault/blobs/" + digest)).andReturn().getResponse(), 404, "not-found");
    }

    @Test
    void anErasedBlobAnswersErasedAndIsNotStoredAgain() throws Exception {
        String epoch = epoch();
        epochKey(epoch, Role.AUTHORITY);
        byte[] body = blob(epoch, "detections/cam-v4", 0, "to be erased");
        Sha256Digest digest = Sha256Digest.hash(body);
        putBlob(digest.hex(), body, Role.CAMERA);
        store.eraseBlob(digest);
        assertProblem(getBlob(digest.hex(), Role.WITNESS), 404, "erased");
        assertProblem(putBlob(digest.hex(), body, Role.CAMERA), 409, "record-erased");
    }
}
