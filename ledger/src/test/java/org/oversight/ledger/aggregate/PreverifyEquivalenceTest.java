package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.testing.World;

/**
 * The write path's pre-lock signature checks ({@link LedgerRegistry#preverify}, in Ed25519
 * batches) against the serial path (no pre-check: every signature verified by {@link
 * LedgerRegistry#check} at its position): on the same inputs, every event gets exactly the same
 * outcome — the same signing key, or the same rejection with the same detail — so the same events
 * are accepted in the same order and the log, its tiles and its checkpoints are the same bytes.
 * The inputs mix what the pre-check could get wrong: forged signatures inside and across batch
 * boundaries, a key revoked between two of its events, a key enrolled in the same request, a
 * signature made by another enrolled key, and more events than one verification batch.
 */
class PreverifyEquivalenceTest {
    @Test
    void everyEventGetsTheSerialPathsOutcome() throws Exception {
        World world = new World();
        List<List<SignedEvent>> requests = requests(world);
        List<String> serial = outcomes(requests, false);
        List<String> preverified = outcomes(requests, true);

        assertThat(preverified).isEqualTo(serial);
        // The inputs exercise both verdicts, and rejections for several reasons.
        assertThat(serial).anyMatch(o -> o.startsWith("accepted"));
        assertThat(serial).anyMatch(o -> o.startsWith("BAD_SIGNATURE"));
        assertThat(serial).anyMatch(o -> o.startsWith("SIGNER_NOT_VALID"));
    }

    /** Each request's events checked in order at consecutive leaves; accepted ones applied. */
    private static List<String> outcomes(List<List<SignedEvent>> requests, boolean preverify) throws Exception {
        LedgerRegistry registry = new LedgerRegistry();
        List<String> outcomes = new ArrayList<>();
        long leaf = 0;
        for (List<SignedEvent> request : requests) {
            if (preverify) {
                registry.preverify(request);
            }
            for (SignedEvent event : request) {
                try {
                    String signer = registry.check(event, leaf).owner();
                    registry.apply(event, leaf++);
                    outcomes.add("accepted " + event.eventHash().hex() + " by " + signer);
                } catch (EventRejectedException e) {
                    outcomes.add(e.type() + " " + e.detail());
                }
            }
            registry.forgetPreverified(request);
        }
        return outcomes;
    }

    private static List<List<SignedEvent>> requests(World world) throws Exception {
        List<List<SignedEvent>> requests = new ArrayList<>();
        requests.add(world.genesis());
        List<SignedEvent> cameras = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            cameras.add(world.chains.next(world.camera("cam-eq-" + c, 60 + c), world.authority));
        }
        requests.add(cameras);
        // 150 detections over three cameras (more than two verification batches), some forged.
        List<SignedEvent> detections = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int c = i % 3;
            SignedEvent d = world.chains.next(World.detection("cam-eq-" + c, i), World.cameraKey(60 + c));
            if (i % 37 == 5) {
                d = forged(d, world.chains.peek(World.detection("cam-eq-" + c, 1000 + i), World.cameraKey(60 + c)));
            } else if (i % 41 == 7) {
                // Carrying a signature another camera's (enrolled, known) key made over the same payload.
                d = forged(d, world.chains.peek(World.detection("cam-eq-" + c, i), World.cameraKey(60 + (c + 1) % 3)));
            }
            detections.add(d);
        }
        requests.add(detections);
        // A key enrolled and used in the same request; then revoked, and used again, in one request.
        Ed25519PrivateKey late = World.distinctKey(4242);
        SignedEvent enrol = world.chains.next(new KeyEnrolled("officer-eq", Role.OFFICER, late.publicKey()),
                world.authority);
        SignedEvent used = world.chains.next(World.watchlistEntry("wl-eq-1", "officer-eq"), late);
        requests.add(List.of(enrol, used));
        SignedEvent revoke = world.chains.next(new KeyRevoked("officer-eq", late.publicKey().keyId(), "left the force"),
                world.authority);
        SignedEvent afterRevocation = world.chains.next(World.watchlistEntry("wl-eq-2", "officer-eq"), late);
        requests.add(List.of(afterRevocation, revoke, afterRevocation));
        return requests;
    }

    /** {@code event} carrying {@code other}'s signature: well-formed, but the signature does not verify. */
    private static SignedEvent forged(SignedEvent event, SignedEvent other) throws Exception {
        return SignedEvent.parse(new String(event.leafBytes(), StandardCharsets.UTF_8)
                .replace(event.signature().toBase64(), other.signature().toBase64()).getBytes(StandardCharsets.UTF_8));
    }
}
