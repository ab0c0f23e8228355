package org.oversight.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.Role;
import org.oversight.domain.principal.KeyRecord;

class EngineKeyCheckTest {
    private static final Ed25519PublicKey KEY = EventFixtures.key(EventFixtures.ENGINE_SEED).publicKey();

    private static Optional<String> check(Optional<KeyRecord> record, long leaf) {
        return EngineKeyCheck.whyNotUsable(KEY.keyId(), record, leaf);
    }

    @Test
    void usableOnlyWhenEnrolledAsEngineAndValidAtTheLeaf() {
        KeyRecord enrolled = new KeyRecord(KEY.keyId(), KEY, "engine-1", Role.ENGINE, 6, OptionalLong.empty());
        assertThat(check(Optional.of(enrolled), 7)).isEmpty();
        assertThat(check(Optional.of(enrolled), 6)).get().asString().contains("not valid at leaf 6");
        KeyRecord revoked = new KeyRecord(KEY.keyId(), KEY, "engine-1", Role.ENGINE, 6, OptionalLong.of(9));
        assertThat(check(Optional.of(revoked), 8)).isEmpty();
        assertThat(check(Optional.of(revoked), 9)).get().asString().contains("revoked at 9");
        KeyRecord reviewer = new KeyRecord(KEY.keyId(), KEY, "rev-1", Role.REVIEWER, 2, OptionalLong.empty());
        assertThat(check(Optional.of(reviewer), 7)).get().asString().contains("role reviewer, not engine");
        assertThat(check(Optional.empty(), 7)).get().asString().contains("not enrolled").contains("/v1/keys");
    }
}
