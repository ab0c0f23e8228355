package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.testing.World;

/**
 * {@link LedgerRegistry#preverify}: verifying a request's signatures up front changes no outcome.
 * A forged event in a preverified request is still rejected as {@code bad-signature} at its
 * position; valid ones pass; after {@link LedgerRegistry#forgetPreverified} nothing is skipped.
 */
class LedgerRegistryPreverifyTest {
    private World world;
    private LedgerRegistry registry;
    private long nextLeaf;

    @BeforeEach
    void genesisAndCamera() throws Exception {
        world = new World();
        registry = new LedgerRegistry();
        for (SignedEvent e : world.genesis()) {
            registry.replay(e, nextLeaf++);
        }
        registry.replay(world.chains.next(world.camera("cam-pv", 7), world.authority), nextLeaf++);
    }

    @Test
    void forgedEventIsStillRejectedAfterPreverify() throws Exception {
        SignedEvent d0 = world.chains.next(World.detection("cam-pv", 0), World.cameraKey(7));
        SignedEvent good = world.chains.peek(World.detection("cam-pv", 1), World.cameraKey(7));
        String otherSig = world.chains.peek(World.detection("cam-pv", 2), World.cameraKey(7)).signature().toBase64();
        SignedEvent forged = SignedEvent.parse(new String(good.leafBytes(), StandardCharsets.UTF_8)
                .replace(good.signature().toBase64(), otherSig).getBytes(StandardCharsets.UTF_8));

        registry.preverify(List.of(d0, forged, good));

        assertThat(registry.check(d0, nextLeaf).keyId()).isEqualTo(World.cameraKey(7).publicKey().keyId());
        assertThatThrownBy(() -> registry.check(forged, nextLeaf + 1))
                .isInstanceOfSatisfying(EventRejectedException.class,
                        e -> assertThat(e.type()).isEqualTo(Rejection.BAD_SIGNATURE));
        assertThat(registry.check(good, nextLeaf + 1).keyId()).isEqualTo(World.cameraKey(7).publicKey().keyId());
        registry.forgetPreverified();
        assertThatThrownBy(() -> registry.check(forged, nextLeaf + 1)).isInstanceOf(EventRejectedException.class);
    }

    @Test
    void eventsOfUnknownSignersAreLeftToTheInOrderCheck() throws Exception {
        // A camera registered later in the request: its key is unknown when preverify runs.
        SignedEvent reg = world.chains.next(world.camera("cam-late", 8), world.authority);
        SignedEvent d0 = world.chains.next(World.detection("cam-late", 0), World.cameraKey(8));
        registry.preverify(List.of(reg, d0));
        registry.check(reg, nextLeaf);
        registry.apply(reg, nextLeaf);
        assertThat(registry.check(d0, nextLeaf + 1).keyId()).isEqualTo(World.cameraKey(8).publicKey().keyId());
    }
}
