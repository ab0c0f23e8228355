package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;

class EntryBundleTest {

    @Test
    void encodesBigEndianLengthPrefixes() throws Exception {
        byte[] bundle = EntryBundle.encode(List.of(new byte[0], new byte[] {0x41}, new byte[300]));
        assertThat(Hex.encode(bundle).substring(0, 12)).isEqualTo("000000014101");
        assertThat(bundle).hasSize(2 + 3 + 2 + 300);
        assertThat(bundle[5]).isEqualTo((byte) 0x01);
        assertThat(bundle[6]).isEqualTo((byte) 0x2c);
    }

    @Test
    void rejectsWhatTheFormatCannotCarry() {
        assertThatThrownBy(() -> EntryBundle.encode(List.of(new byte[1], new byte[65_536])))
                .isInstanceOf(EntryBundleException.class).hasMessage("entry 1 has 65536 bytes, more than 65535");
        assertThatThrownBy(() -> EntryBundle.encode(List.of())).hasMessage("a bundle holds 1 to 256 entries, not 0");
        assertThatThrownBy(() -> EntryBundle.decode(new byte[] {0, 3, 1})).hasMessage("entry 0 at offset 2 needs 3 bytes, 1 remain");
        assertThatThrownBy(() -> EntryBundle.decode(new byte[] {0, 0, 7})).hasMessage("length prefix at offset 2 is cut off");
        assertThatThrownBy(() -> EntryBundle.decode(TileId.of(0, 0, 2), new byte[] {0, 0}))
                .hasMessage("bundle tile/entries/000.p/2 has 1 entries, want 2");
        assertThatThrownBy(() -> EntryBundle.decode(new byte[2 * 257])).hasMessageContaining("more than 256 entries");
    }

    @Property(tries = 200)
    void roundTrips(@ForAll @Size(min = 1, max = 256) List<@Size(max = 70) byte[]> entries) throws Exception {
        List<byte[]> decoded = EntryBundle.decode(EntryBundle.encode(entries));
        assertThat(decoded).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(decoded.get(i)).isEqualTo(entries.get(i));
        }
    }

    /** Fuzz: arbitrary bytes decode to entries that re-encode to the same bytes, or are rejected. */
    @Property(tries = 500)
    void decoderNeverFailsOtherwise(@ForAll @Size(max = 600) byte[] bundle) {
        try {
            List<byte[]> entries = EntryBundle.decode(bundle);
            if (!entries.isEmpty()) {
                assertThat(EntryBundle.encode(new ArrayList<>(entries))).isEqualTo(bundle);
            } else {
                assertThat(bundle).isEmpty();
            }
        } catch (EntryBundleException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
