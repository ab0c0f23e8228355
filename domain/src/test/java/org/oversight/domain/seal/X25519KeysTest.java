package org.oversight.domain.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.MalformedKeyException;

/** X25519 key values (docs/format.md §12.1): one text per key; small-order and non-canonical keys refused. */
class X25519KeysTest {
    @Test
    void rfc7748Section61KeysDerive() throws Exception {
        // RFC 7748 §6.1: Alice's and Bob's private and public keys.
        X25519PrivateKey alice = X25519PrivateKey.fromBytes(
                Hex.decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        assertThat(alice.publicKey().hex()).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        X25519PrivateKey bob = X25519PrivateKey.fromBytes(
                Hex.decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        assertThat(bob.publicKey().hex()).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    }

    @Test
    void textRoundTrips() throws Exception {
        X25519PublicKey k = X25519PrivateKey.fromBytes(new byte[32]).publicKey();
        assertThat(k.text()).startsWith("x25519:").hasSize(7 + 44);
        assertThat(X25519PublicKey.parse(k.text())).isEqualTo(k);
        assertThat(X25519PublicKey.fromBytes(k.bytes())).isEqualTo(k);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"})
    void smallOrderPointsAreRefused(String hex) {
        assertThatThrownBy(() -> X25519PublicKey.fromBytes(Hex.decode(hex)))
                .isInstanceOf(MalformedKeyException.class).hasMessageContaining(hex).hasMessageContaining("small order");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0900000000000000000000000000000000000000000000000000000000000080"})
    void nonCanonicalEncodingsAreRefused(String hex) {
        assertThatThrownBy(() -> X25519PublicKey.fromBytes(Hex.decode(hex)))
                .isInstanceOf(MalformedKeyException.class).hasMessageContaining("not canonical");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x25519:", "X25519:CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "x25519:CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x25519: CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "x25519:CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=", "x25519:CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
        "ed25519:CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
    void malformedTextIsRefused(String text) {
        assertThatThrownBy(() -> X25519PublicKey.parse(text)).isInstanceOf(MalformedKeyException.class);
    }

    @Test
    void theBasePointIsAValidKey() throws Exception {
        assertThat(X25519PublicKey.parse("x25519:CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").hex())
                .isEqualTo("0900000000000000000000000000000000000000000000000000000000000000");
    }

    @Test
    void privateKeysNeverPrintTheirBytes() {
        X25519PrivateKey k = X25519PrivateKey.fromBytes(hexOf("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        assertThat(k.toString()).doesNotContain("77076d0a").contains(k.publicKey().text());
    }

    private static byte[] hexOf(String hex) {
        try {
            return Hex.decode(hex);
        } catch (Hex.MalformedHexException e) {
            throw new AssertionError(e);
        }
    }
}
