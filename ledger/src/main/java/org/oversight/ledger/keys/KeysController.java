package org.oversight.ledger.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/keys}: the ledger's public keys, so that an authority can enrol them
 * (KeyEnrolled, roles {@code log} and {@code engine}) and auditors can verify checkpoints.
 */
@RestController
public class KeysController {
    private final LedgerKeys keys;

    public KeysController(LedgerKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/v1/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> keys() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("log", describe(keys.logKey()));
        body.put("engine", describe(keys.engineNoteKey()));
        return body;
    }

    private static Map<String, String> describe(Ed25519NoteSigner signer) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("keyName", signer.keyName());
        d.put("verifierKey", signer.verifier().toVerifierKey());
        d.put("publicKey", signer.verifier().publicKey().toText());
        d.put("keyId", signer.verifier().publicKey().keyId().hex());
        return d;
    }
}
