package org.oversight.domain.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StrictBase64Test {
    @Test
    void roundTripsEveryLength() throws Exception {
        Random random = new Random(5);
        for (int n = 0; n < 70; n++) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            assertThat(StrictBase64.decode(StrictBase64.encode(b))).isEqualTo(b);
        }
    }

    @Test
    void acceptsOnlyTheCanonicalText() {
        for (String bad : new String[] {"QQ", "QQ=", "QR==", "QUI", "QUJ=", "Q===", "QQ==\n", " QQ==", "QQ-_", "QQ==QQ==", "Q"}) {
            assertThatThrownBy(() -> StrictBase64.decode(bad)).as(bad).isInstanceOf(StrictBase64.MalformedBase64Exception.class);
        }
    }
}
