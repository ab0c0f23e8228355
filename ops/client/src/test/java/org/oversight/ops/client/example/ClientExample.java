package org.oversight.ops.client.example;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.Location;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.ops.client.LedgerClient;
import org.oversight.ops.client.LedgerProblemException;
import org.oversight.ops.client.Principal;
import org.oversight.ops.client.Problem;
import org.oversight.ops.client.Receipt;
import org.oversight.ops.client.StreamWriter;

/**
 * The example of docs/java-client.md, compiled and run by {@code ClientExampleTest} (which also
 * checks that every Java block of the guide is quoted from this file).
 */
public final class ClientExample {
    private ClientExample() {}

    /** What the example saw: a receipt, a refusal, a checkpoint it verified and the review queue. */
    public record Outcome(Receipt receipt, Problem refusal, Checkpoint checkpoint, LedgerClient.MatchPage pending,
            Optional<LedgerClient.MatchDetail> oldest) {}

    /**
     * Registers camera cam-0042 as an officer, has the ledger refuse an event, and verifies a
     * checkpoint covering the registration.
     *
     * @param officerKey an officer's key, already enrolled by an authority
     * @param logVerifierKey the log's note verifier key, obtained out of band (never from the ledger
     *     being checked)
     * @param origin the log's checkpoint origin line, also out of band
     */
    public static Outcome run(URI ledgerUrl, String token, Ed25519PrivateKey officerKey, String logVerifierKey,
            String origin) throws Exception {
        // [keys]
        Principal officer = Principal.of("officer-7", officerKey);
        Principal camera = Principal.generate("cam-0042", new SecureRandom());
        System.out.println("enrol " + camera.publicKey().toText() + " (key id " + camera.keyId().hex() + ")");
        // [/keys]

        // [write]
        LedgerClient ledger = new LedgerClient(ledgerUrl, Optional.of(token), Duration.ofSeconds(30));
        StreamWriter stream = StreamWriter.open(StreamId.camera("cam-0042"), Clock.systemUTC());
        SignedEvent registered = stream.prepare(new CameraRegistered("cam-0042",
                new Location("Central Station, north entrance", 223153000, 1141702000),
                "locate persons on the authorised watchlist",
                "Police Force Ordinance s.10; LFR deployment authority DA-2026-017",
                camera.publicKey()), officer);
        // [/write]

        // [submit]
        Receipt receipt = ledger.submit(registered);   // resubmitting the same bytes gives the same receipt
        stream.observe(registered);                    // accepted: the stream's head moves on
        System.out.println(receipt.eventId() + " is leaf " + receipt.leafIndex() + ", hash " + receipt.eventHash());
        // [/submit]

        // [problem]
        Problem refusal = null;
        SignedEvent wrongSigner = stream.prepare(new CameraDecommissioned("cam-0042", "moved"), camera);
        try {
            ledger.submit(wrongSigner);                // a device key may only sign detections
        } catch (LedgerProblemException e) {
            refusal = e.problem();                     // RFC 9457: status, type, title, detail
            System.out.println("refused: " + refusal.rule().orElse(refusal.type()) + ": " + refusal.detail());
        }                                              // (no answer at all is an IOException)
        // [/problem]

        // [checkpoint]
        Ed25519NoteVerifier logKey = Ed25519NoteVerifier.parse(logVerifierKey);
        SignedCheckpoint signed = ledger.awaitCheckpoint(receipt.leafIndex() + 1, Duration.ofSeconds(30));
        Checkpoint checkpoint = signed.verify(origin, logKey);   // throws unless the log key signed it
        System.out.println("log of " + checkpoint.size() + " leaves, root " + checkpoint.rootHash());
        // [/checkpoint]

        // [matches]
        LedgerClient.MatchPage pending = ledger.matches("pending", -1, 50);   // the review queue, oldest first
        for (LedgerClient.MatchSummary m : pending.matches()) {
            System.out.println(m.match() + ": score " + m.score() + " (threshold " + m.threshold() + "), "
                    + m.confirmations() + " of " + m.confirmationsRequired() + " confirmations");
        }                                              // pending.next(): the cursor of the next page
        Optional<LedgerClient.MatchDetail> oldest = pending.matches().isEmpty() ? Optional.empty()
                : ledger.match(pending.matches().get(0).match());   // camera, warrant, policy, reviews
        // [/matches]

        return new Outcome(receipt, refusal, checkpoint, pending, oldest);
    }
}
