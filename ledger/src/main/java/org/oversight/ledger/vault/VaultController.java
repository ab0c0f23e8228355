package org.oversight.ledger.vault;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.seal.SealedBlob;
import org.oversight.domain.seal.X25519PrivateKey;
import org.oversight.ledger.ingest.IngestController;
import org.oversight.ledger.ingest.JsonContentType;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The vault's blob and epoch-key endpoints (docs/ledger.md "Vault").
 *
 * <ul>
 *   <li>{@code PUT /v1/vault/blobs/{blobDigest}} (camera, operator, officer): stores a sealed blob under the
 *       SHA-256 of its canonical bytes; idempotent; 409 {@code digest-mismatch} if the body hashes to
 *       another digest, 413 above {@code oversight.vault.max-blob-bytes} (a detection's blob) or
 *       {@code oversight.vault.max-watchlist-blob-bytes} (an entry's enrolment record, stream
 *       {@code watchlist/<entry>}), 422 {@code unknown-epoch}
 *       if the vault has no key for the blob's epoch, 409 {@code epoch-closed} once that key is
 *       destroyed, 409 {@code record-erased} for a blob already erased.</li>
 *   <li>{@code GET /v1/vault/blobs/{blobDigest}} (witness, auditor): the sealed blob, i.e.
 *       ciphertext and wrapped keys — never plaintext; 404 {@code erased} after erasure.</li>
 *   <li>{@code POST /v1/vault/epochs/{epoch}/key} (operator, authority): the vault's X25519 public
 *       key for the epoch, generated on the first call, the same on every later one.</li>
 * </ul>
 */
@RestController
@ConditionalOnPostgresLog
public class VaultController {
    private static final Logger LOG = LoggerFactory.getLogger(VaultController.class);
    /** docs/format.md "identifier". */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String BLOB_MEDIA_TYPE = MediaType.APPLICATION_JSON_VALUE;

    private final VaultStore store;
    private final VaultProperties properties;
    private final VaultBlobLimits limits;
    private final SecureRandom random;

    public VaultController(VaultStore store, VaultProperties properties, SecureRandom vaultRandom) {
        this.store = store;
        this.properties = properties;
        this.limits = new VaultBlobLimits(properties);
        this.random = vaultRandom;
    }

    @PutMapping(path = "/v1/vault/blobs/{blobDigest}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> put(@PathVariable String blobDigest, HttpServletRequest request)
            throws IOException, ProblemException {
        Sha256Digest digest = digest(blobDigest);
        JsonContentType.require(request.getContentType());
        // The stream (detections or watchlist) is inside the body: read up to the larger limit, then
        // hold the blob to its stream's (the batch applies the same limits to each of its blobs).
        byte[] body = IngestController.readBody(request, limits.readLimit(), "sealed blob");
        Sha256Digest actual = Sha256Digest.hash(body);
        if (!actual.equals(digest)) {
            throw new ProblemException(ProblemType.DIGEST_MISMATCH, "blobDigest: the path names " + digest.hex()
                    + " but the body hashes to " + actual.hex());
        }
        SealedBlob header = limits.parse(body, "body");
        VaultStore.EpochKey key = store.epochKey(header.epoch()).orElseThrow(() -> new ProblemException(
                ProblemType.UNKNOWN_EPOCH, "epoch: '" + header.epoch() + "' has no vault key (POST /v1/vault/epochs/"
                + header.epoch() + "/key first)"));
        if (key.destroyed()) {
            throw new ProblemException(ProblemType.EPOCH_CLOSED, "epoch: '" + header.epoch()
                    + "' is closed; its vault key is destroyed and it takes no more records");
        }
        VaultStore.PutOutcome outcome = store.putBlob(digest, body, header.epoch(), header.stream().text(),
                header.seq());
        if (outcome == VaultStore.PutOutcome.ERASED) {
            throw new ProblemException(ProblemType.RECORD_ERASED, "blobDigest: " + digest.hex() + " was erased");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("blobDigest", digest.hex());
        view.put("epoch", header.epoch());
        view.put("stream", header.stream().text());
        view.put("seq", header.seq());
        boolean created = outcome == VaultStore.PutOutcome.STORED;
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .header("Oversight-Duplicate", Boolean.toString(!created)).body(view);
    }

    @GetMapping(path = "/v1/vault/blobs/{blobDigest}")
    public ResponseEntity<byte[]> get(@PathVariable String blobDigest, HttpServletRequest request)
            throws ProblemException {
        Sha256Digest digest = digest(blobDigest);
        VaultStore.StoredBlob blob = store.blob(digest).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "blobDigest: " + digest.hex() + " is not stored"));
        byte[] bytes = blob.bytes().orElseThrow(() -> new ProblemException(ProblemType.ERASED,
                "blobDigest: " + digest.hex() + " (epoch " + blob.epoch() + ") was erased"));
        LOG.debug("sealed blob {} read by {}", digest.hex(),
                request.getUserPrincipal() == null ? "?" : request.getUserPrincipal().getName());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .body(bytes);
    }

    @PostMapping(path = "/v1/vault/epochs/{epoch}/key", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> epochKey(@PathVariable String epoch) throws ProblemException {
        if (!IDENTIFIER.matcher(epoch).matches()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "epoch: '" + epoch
                    + "' is not an identifier (1-128 of [A-Za-z0-9._:-])");
        }
        X25519PrivateKey generated = X25519PrivateKey.generate(random);
        byte[] privateKey = generated.exportBytes();
        VaultStore.EpochKey stored = store.putEpochKeyIfAbsent(epoch, generated.publicKey().bytes(), privateKey);
        java.util.Arrays.fill(privateKey, (byte) 0);
        generated.destroy();
        if (stored.destroyed()) {
            throw new ProblemException(ProblemType.EPOCH_CLOSED, "epoch: '" + epoch
                    + "' is closed; its vault key is destroyed and is never replaced");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("epoch", epoch);
        view.put("kind", "vault");
        view.put("publicKey", "x25519:" + Base64.getEncoder().encodeToString(stored.publicKey()));
        view.put("recipient", properties.getRecipient());
        return view;
    }

    private static Sha256Digest digest(String text) throws ProblemException {
        if (text.length() != 64) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "blobDigest: '" + text
                    + "' is not 64 lowercase hex digits");
        }
        try {
            Sha256Digest d = Sha256Digest.fromHex(text);
            if (!d.hex().equals(text)) {
                throw new Hex.MalformedHexException("not lowercase");
            }
            return d;
        } catch (Hex.MalformedHexException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "blobDigest: '" + text
                    + "' is not 64 lowercase hex digits");
        }
    }
}
