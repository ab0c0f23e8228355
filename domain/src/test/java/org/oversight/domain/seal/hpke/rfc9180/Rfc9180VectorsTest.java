package org.oversight.domain.seal.hpke.rfc9180;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.oversight.domain.bytes.Hex;

/**
 * RFC 9180 Appendix A.2 — every test vector of the suite DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * ChaCha20-Poly1305 (the file {@code rfc9180-a2.txt}, copied verbatim with its source).
 *
 * <p>Two layers are checked. Oversight's wrapper {@link Hpke} is single-shot base mode, so for A.2.1
 * it must reproduce, from {@code skEm}, {@code pkRm}, {@code info}, the first encryption's
 * {@code aad} and {@code pt}: {@code pkEm}, {@code enc} and the sequence-0 {@code ct}, and open it
 * with {@code skRm}; and the public keys of every vector's private keys. The Bouncy Castle HPKE it
 * wraps is checked against everything else in A.2 — all four modes (base, PSK, Auth, AuthPSK),
 * {@code DeriveKeyPair} of every {@code ikm}, every encryption at its sequence number (0, 1, 2, 4,
 * 255, 256) and every exported value — so the library behind the wrapper conforms in full.
 */
class Rfc9180VectorsTest {
    /** One "### … Setup Information" section: its setup values, encryptions and exports. */
    record Vector(String name, Map<String, String> setup, List<Map<String, String>> encryptions,
            List<Map<String, String>> exports) {
        byte[] get(String key) {
            String v = setup.get(key);
            if (v == null) {
                throw new AssertionError(name + ": no " + key);
            }
            return unhex(v);
        }

        int mode() {
            return Integer.parseInt(setup.get("mode"));
        }
    }

    static byte[] unhex(String hex) {
        try {
            return Hex.decode(hex);
        } catch (Hex.MalformedHexException e) {
            throw new AssertionError(hex, e);
        }
    }

    private static byte[] clamp(byte[] k) {
        byte[] c = k.clone();
        c[0] &= (byte) 248;
        c[31] &= 127;
        c[31] |= 64;
        return c;
    }

    static List<Vector> vectors() throws IOException {
        String text;
        try (InputStream in = Rfc9180VectorsTest.class.getResourceAsStream("rfc9180-a2.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Vector> out = new ArrayList<>();
        String[] sections = text.split("\n### ");
        for (int i = 1; i < sections.length; i++) {
            String section = sections[i];
            String name = section.substring(0, section.indexOf('\n'));
            String[] blocks = section.split("~~~");
            // blocks: [title, setup, "#### Encryptions", encryptions, "#### Exported Values", exports, tail]
            Map<String, String> setup = records(blocks[1]).get(0);
            out.add(new Vector(name, setup, records(blocks[3]), records(blocks[5])));
        }
        return out;
    }

    /** Records separated by blank lines; {@code key: value} with hex values that may wrap lines. */
    private static List<Map<String, String>> records(String block) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String rec : block.strip().split("\n\\s*\n")) {
            Map<String, String> m = new LinkedHashMap<>();
            String key = null;
            for (String line : rec.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).matches("[A-Za-z_ ]+")) {
                    key = line.substring(0, colon).strip();
                    m.put(key, line.substring(colon + 1).strip());
                } else if (key != null) {
                    m.put(key, m.get(key) + line.strip());
                }
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void theFileHoldsAllFourModesWithSixEncryptionsAndThreeExportsEach() throws IOException {
        List<Vector> v = vectors();
        assertThat(v).extracting(Vector::mode).containsExactly(0, 1, 2, 3);
        for (Vector x : v) {
            assertThat(x.setup()).containsEntry("kem_id", "32").containsEntry("kdf_id", "1").containsEntry("aead_id", "3");
            assertThat(x.encryptions()).extracting(e -> e.get("sequence number"))
                    .containsExactly("0", "1", "2", "4", "255", "256");
            assertThat(x.exports()).hasSize(3);
        }
    }

    @Test
    void wrapperReproducesTheBaseModeSingleShotEncryption() throws Exception {
        Vector base = vectors().get(0);
        Map<String, String> first = base.encryptions().get(0);
        byte[] aad = unhex(first.get("aad"));
        byte[] pt = unhex(first.get("pt"));
        Hpke.Sealed sealed = Hpke.sealBase(base.get("pkRm"), base.get("info"), aad, pt, base.get("skEm"));
        assertThat(Hex.encode(sealed.enc())).isEqualTo(base.setup().get("enc"));
        assertThat(Hex.encode(sealed.ciphertext())).isEqualTo(first.get("ct"));
        byte[] opened = Hpke.openBase(base.get("enc"), base.get("skRm"), base.get("info"), aad,
                unhex(first.get("ct")));
        assertThat(opened).isEqualTo(pt);
    }

    @Test
    void wrapperOpenRejectsWhatTheVectorDoesNotAuthenticate() throws Exception {
        Vector base = vectors().get(0);
        Map<String, String> first = base.encryptions().get(0);
        byte[] ct = unhex(first.get("ct"));
        byte[] aad = unhex(first.get("aad"));
        // The sequence-1 aad, another info, another recipient key, and one flipped bit each fail.
        assertThatThrownBy(() -> Hpke.openBase(base.get("enc"), base.get("skRm"), base.get("info"),
                unhex(base.encryptions().get(1).get("aad")), ct)).isInstanceOf(HpkeOpenException.class);
        assertThatThrownBy(() -> Hpke.openBase(base.get("enc"), base.get("skRm"), new byte[0], aad, ct))
                .isInstanceOf(HpkeOpenException.class);
        assertThatThrownBy(() -> Hpke.openBase(base.get("enc"), vectors().get(1).get("skRm"), base.get("info"), aad, ct))
                .isInstanceOf(HpkeOpenException.class);
        byte[] flipped = ct.clone();
        flipped[0] ^= 1;
        assertThatThrownBy(() -> Hpke.openBase(base.get("enc"), base.get("skRm"), base.get("info"), aad, flipped))
                .isInstanceOf(HpkeOpenException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void wrapperDerivesEveryPublicKey(int mode) throws Exception {
        Vector v = vectors().get(mode);
        for (String who : new String[] {"E", "R", "S"}) {
            if (v.setup().containsKey("sk" + who + "m")) {
                assertThat(Hex.encode(Hpke.publicKey(v.get("sk" + who + "m")))).as(v.name() + " pk" + who + "m")
                        .isEqualTo(v.setup().get("pk" + who + "m"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void bouncyCastleMatchesEveryValueOfTheMode(int mode) throws Exception {
        Vector v = vectors().get(mode);
        HPKE hpke = new HPKE((byte) v.mode(), HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
        for (String who : new String[] {"E", "R", "S"}) {
            if (v.setup().containsKey("ikm" + who)) {
                AsymmetricCipherKeyPair kp = hpke.deriveKeyPair(v.get("ikm" + who));
                // Bouncy Castle stores X25519 private keys clamped (RFC 7748 §5); the vectors list
                // them unclamped. Clamping is part of every use, so compare clamped forms.
                assertThat(Hex.encode(hpke.serializePrivateKey(kp.getPrivate()))).as(v.name() + " sk" + who + "m")
                        .isEqualTo(Hex.encode(clamp(v.get("sk" + who + "m"))));
                assertThat(Hex.encode(hpke.serializePublicKey(kp.getPublic()))).as(v.name() + " pk" + who + "m")
                        .isEqualTo(v.setup().get("pk" + who + "m"));
            }
        }
        AsymmetricCipherKeyPair recipient = new AsymmetricCipherKeyPair(new X25519PublicKeyParameters(v.get("pkRm")),
                new X25519PrivateKeyParameters(v.get("skRm")));
        X25519PublicKeyParameters sender = v.setup().containsKey("pkSm")
                ? new X25519PublicKeyParameters(v.get("pkSm")) : null;
        byte[] enc = v.get("enc");
        byte[] info = v.get("info");
        HPKEContext ctx = switch (v.mode()) {
            case 0 -> hpke.setupBaseR(enc, recipient, info);
            case 1 -> hpke.setupPSKR(enc, recipient, info, v.get("psk"), v.get("psk_id"));
            case 2 -> hpke.setupAuthR(enc, recipient, info, sender);
            default -> hpke.setupAuthPSKR(enc, recipient, info, v.get("psk"), v.get("psk_id"), sender);
        };
        int seq = 0;
        for (Map<String, String> e : v.encryptions()) {
            int target = Integer.parseInt(e.get("sequence number"));
            for (; seq < target; seq++) {
                ctx.seal(new byte[0], new byte[0]); // advances the context's sequence number
            }
            byte[] pt = ctx.open(unhex(e.get("aad")), unhex(e.get("ct")));
            assertThat(Hex.encode(pt)).as(v.name() + " seq " + target).isEqualTo(e.get("pt"));
            seq++;
        }
        for (Map<String, String> x : v.exports()) {
            byte[] exported = ctx.export(unhex(x.get("exporter_context")), Integer.parseInt(x.get("L")));
            assertThat(Hex.encode(exported)).as(v.name() + " export " + x.get("exporter_context"))
                    .isEqualTo(x.get("exported_value"));
        }
    }

    @Test
    void theIndependentImplementationReproducesEveryBaseModeValue() throws Exception {
        Vector base = vectors().get(0);
        Map<String, String> first = base.encryptions().get(0);
        IndependentHpke.Trace t = IndependentHpke.sealBase(base.get("pkRm"), base.get("info"),
                unhex(first.get("aad")), unhex(first.get("pt")), base.get("skEm"));
        assertThat(Hex.encode(t.pkE())).isEqualTo(base.setup().get("enc"));
        assertThat(Hex.encode(t.sharedSecret())).isEqualTo(base.setup().get("shared_secret"));
        assertThat(Hex.encode(t.keyScheduleContext())).isEqualTo(base.setup().get("key_schedule_context"));
        assertThat(Hex.encode(t.secret())).isEqualTo(base.setup().get("secret"));
        assertThat(Hex.encode(t.key())).isEqualTo(base.setup().get("key"));
        assertThat(Hex.encode(t.baseNonce())).isEqualTo(base.setup().get("base_nonce"));
        assertThat(Hex.encode(t.ct())).isEqualTo(first.get("ct"));
    }
}
