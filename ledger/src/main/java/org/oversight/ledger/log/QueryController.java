package org.oversight.ledger.log;

import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.ConsistencyProof;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.oversight.domain.merkle.rfc6962.InclusionProof;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.ProofRequestException;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredHashSource;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authenticated JSON reads: proofs (docs/format.md §7 shapes), one event by id, and a range of
 * log entries. Sizes may be any committed tree size; clients check proofs against a signed
 * checkpoint. Responses containing biometric data are recorded by {@link BiometricReadAudit}.
 */
@RestController
@ConditionalOnPostgresLog
public class QueryController {
    /** Most entries one {@code /v1/entries} call returns. */
    public static final int MAX_ENTRIES = 1000;

    private final LeafStore store;
    private final Sequencer sequencer;
    private final BiometricReadAudit audit;

    public QueryController(LeafStore store, Sequencer sequencer, BiometricReadAudit audit) {
        this.store = store;
        this.sequencer = sequencer;
        this.audit = audit;
    }

    @GetMapping(path = "/v1/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> inclusion(@RequestParam long leaf, @RequestParam long size) throws ProblemException {
        InclusionProof proof;
        try {
            proof = ProofGenerator.inclusionProof(source(size), leaf, size);
        } catch (ProofRequestException e) {
            throw new ProblemException(ProblemType.BAD_PROOF_REQUEST, "leaf/size: " + e.getMessage());
        } catch (HashSourceException e) {
            throw new IllegalStateException("stored tree unreadable: " + e.getMessage(), e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leafIndex", proof.leafIndex());
        body.put("treeSize", proof.treeSize());
        body.put("hashes", hex(proof.hashes()));
        return body;
    }

    @GetMapping(path = "/v1/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) throws ProblemException {
        ConsistencyProof proof;
        try {
            proof = ProofGenerator.consistencyProof(source(to), from, to);
        } catch (ProofRequestException e) {
            throw new ProblemException(ProblemType.BAD_PROOF_REQUEST, "from/to: " + e.getMessage());
        } catch (HashSourceException e) {
            throw new IllegalStateException("stored tree unreadable: " + e.getMessage(), e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size1", proof.size1());
        body.put("size2", proof.size2());
        body.put("hashes", hex(proof.hashes()));
        return body;
    }

    @GetMapping(path = "/v1/events/{eventId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> event(@PathVariable String eventId, Principal principal) throws ProblemException {
        StoredLeaf leaf = store.findByEventId(eventId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "eventId: no event '" + eventId + "'"));
        auditIfBiometric(principal, "/v1/events/" + eventId, leaf);
        return json(entry(leaf));
    }

    @GetMapping(path = "/v1/entries", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> entries(@RequestParam long start, @RequestParam(defaultValue = "100") int count,
            Principal principal) throws ProblemException {
        long size = sequencer.committed().size();
        if (start < 0 || count < 1 || count > MAX_ENTRIES) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "start " + start + " must be >= 0 and count "
                    + count + " in [1, " + MAX_ENTRIES + "]");
        }
        if (start > size) {
            throw new ProblemException(ProblemType.NOT_FOUND, "start " + start + " > tree size " + size);
        }
        List<StoredLeaf> leaves = store.leaves(start, (int) Math.min(count, size - start));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"treeSize\":" + size + ",\"entries\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < leaves.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(entry(leaves.get(i)));
            auditIfBiometric(principal, "/v1/entries?start=" + start + "&count=" + count, leaves.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return json(out.toByteArray());
    }

    private void auditIfBiometric(Principal principal, String resource, StoredLeaf leaf) {
        if (TileController.isBiometric(leaf.leaf().leafBytes())) {
            audit.record(principal.getName(), resource, leaf.index());
        }
    }

    /** {@code {"leafIndex":i,"eventId":"…","eventHash":"…","event":<envelope as stored>}}. */
    private static byte[] entry(StoredLeaf leaf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"leafIndex\":" + leaf.index() + ",\"eventId\":\"" + leaf.leaf().eventId()
                + "\",\"eventHash\":\"" + leaf.leaf().leafHash().hex() + "\",\"event\":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(leaf.leaf().leafBytes());
        out.write('}');
        return out.toByteArray();
    }

    private StoredHashSource source(long size) throws ProblemException {
        long committed = sequencer.committed().size();
        if (size > committed) {
            throw new ProblemException(ProblemType.BAD_PROOF_REQUEST, "size " + size + " > tree size " + committed);
        }
        return new StoredHashSource(store, committed);
    }

    private static List<String> hex(List<Sha256Digest> hashes) {
        return hashes.stream().map(Sha256Digest::hex).toList();
    }

    private static ResponseEntity<byte[]> json(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
