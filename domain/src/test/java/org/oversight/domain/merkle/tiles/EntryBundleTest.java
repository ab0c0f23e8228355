package org.oversight.domain.merkle.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.testing.Unchecked;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

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

    static Gen<byte[]> byteArrays(int maxLength) {
        return Generate.byteArrays(integers().between(0, maxLength), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    @Test
    void roundTrips() {
        qt().withExamples(200).withFixedSeed(0xb0d1_0001L).forAll(lists().of(byteArrays(70)).ofSizeBetween(1, 256))
                .checkAssert(entries -> Unchecked.run(() -> roundTrips(entries)));
    }

    private static void roundTrips(List<byte[]> entries) throws Exception {
        List<byte[]> decoded = EntryBundle.decode(EntryBundle.encode(entries));
        assertThat(decoded).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(decoded.get(i)).isEqualTo(entries.get(i));
        }
    }

    /** Fuzz: arbitrary bytes decode to entries that re-encode to the same bytes, or are rejected. */
    @Test
    void decoderNeverFailsOtherwise() {
        qt().withExamples(500).withFixedSeed(0xb0d1_0002L).forAll(byteArrays(600)).checkAssert(bundle -> {
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
        });
    }
}
