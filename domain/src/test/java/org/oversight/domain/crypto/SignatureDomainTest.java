package org.oversight.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureDomainTest {
    @Test
    void prefixesAreDistinctNewlineTerminatedAndPrefixFree() {
        for (SignatureDomain a : SignatureDomain.values()) {
            assertThat(a.prefix()).startsWith("oversight/").endsWith("\n");
            assertThat(a.prefix().chars().allMatch(c -> c < 0x80)).isTrue();
            for (SignatureDomain b : SignatureDomain.values()) {
                if (a != b) {
                    assertThat(b.prefix()).doesNotStartWith(a.prefix());
                }
            }
        }
        assertThat(SignatureDomain.EVENT_V1.prefix()).isEqualTo("oversight/event/v1\n");
    }

    @Test
    void frameIsPrefixThenMessage() {
        byte[] framed = SignatureDomain.EVENT_V1.frame("xy".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(framed, StandardCharsets.US_ASCII)).isEqualTo("oversight/event/v1\nxy");
    }
}
