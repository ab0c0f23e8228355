package org.oversight.ledger.witness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.ProofRequestException;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.CosignatureVerificationException;
import org.oversight.domain.note.Ed25519CosignatureVerifier;
import org.oversight.domain.note.MalformedNoteException;
import org.oversight.domain.note.Note;
import org.oversight.domain.note.NoteSignature;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredHashSource;

/**
 * One witness, as the log sees it: its URL and key, and what the log knows of it — the size it last
 * cosigned (learnt from its 200s and 409s; unknown after a restart, so the first request says
 * {@code old 0} and the 409 answer tells the size), the last error and the consecutive failures.
 * One thread uses it ({@link WitnessSubmitter}); the status fields are read by others.
 */
final class WitnessClient {
    private final String url;
    private final Ed25519CosignatureVerifier key;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    private volatile long cosignedSize = -1;
    private volatile String lastError;
    private volatile int failures;
    private volatile long lastSuccessMillis = -1;

    WitnessClient(String url, Ed25519CosignatureVerifier key, Duration timeout, Clock clock) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.key = key;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The outcome of one submission. */
    sealed interface Outcome {
        record Cosigned(Cosignature cosignature) implements Outcome {}

        record WitnessSize(long size) implements Outcome {}

        record Failed(String reason) implements Outcome {}
    }

    /**
     * Submits {@code checkpoint} with a consistency proof from the witness's known size (0 if
     * unknown), and verifies a returned cosignature against this witness's key and the checkpoint.
     */
    Outcome submit(SignedCheckpoint checkpoint, LeafStore store) {
        long size = checkpoint.checkpoint().size();
        long old = Math.max(cosignedSize, 0);
        if (old > size) {
            return fail("witness has cosigned size " + old + ", beyond checkpoint size " + size);
        }
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        if (old > 0 && old < size) {
            try {
                for (Sha256Digest h : ProofGenerator.consistencyProof(new StoredHashSource(store, size), old, size).hashes()) {
                    body.append(StrictBase64.encode(h.toByteArray())).append('\n');
                }
            } catch (ProofRequestException | HashSourceException e) {
                return fail("cannot prove " + old + " -> " + size + ": " + e.getMessage());
            }
        }
        body.append('\n').append(checkpoint.note().format());
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url + "/add-checkpoint")).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("POST " + url + "/add-checkpoint: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
        if (response.statusCode() == 409 && response.headers().firstValue("Content-Type").orElse("")
                .startsWith("text/x.tlog.size")) {
            String text = response.body().strip();
            try {
                long witnessSize = Long.parseLong(text);
                if (witnessSize < 0) {
                    throw new NumberFormatException();
                }
                cosignedSize = witnessSize;
                return new Outcome.WitnessSize(witnessSize);
            } catch (NumberFormatException e) {
                return fail("409 with size '" + text + "'");
            }
        }
        if (response.statusCode() != 200) {
            return fail("HTTP " + response.statusCode() + ": " + oneLine(response.body()));
        }
        try {
            Note returned = Note.parse(checkpoint.note().format() + response.body());
            byte[] text = checkpoint.note().textBytes();
            for (NoteSignature line : returned.signatures().subList(checkpoint.note().signatures().size(),
                    returned.signatures().size())) {
                if (line.isFrom(key)) {
                    Cosignature c = key.verify(text, line);
                    cosignedSize = size;
                    failures = 0;
                    lastError = null;
                    lastSuccessMillis = clock.millis();
                    return new Outcome.Cosigned(c);
                }
            }
            return fail("200 without a cosignature by " + key.keyLabel());
        } catch (MalformedNoteException | CosignatureVerificationException e) {
            return fail("200 with an invalid cosignature: " + e.getMessage());
        }
    }

    private Outcome fail(String reason) {
        lastError = reason;
        failures++;
        return new Outcome.Failed(reason);
    }

    private static String oneLine(String s) {
        String line = s.replace('\n', ' ').strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    String url() {
        return url;
    }

    Ed25519CosignatureVerifier key() {
        return key;
    }

    long cosignedSize() {
        return cosignedSize;
    }

    String lastError() {
        return lastError;
    }

    int failures() {
        return failures;
    }

    long lastSuccessMillis() {
        return lastSuccessMillis;
    }

    List<String> describe() {
        return List.of(key.keyLabel(), url);
    }
}
