package org.oversight.domain.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.testing.SharedTestData;

/**
 * The single check ({@link BcEd25519#verify}: BC's fast accept, else the cofactored equation), the
 * cofactored check alone, and the batch check give the same verdict on every vector, and that
 * verdict is the one docs/format.md §2.1 prescribes: RFC 8032 §7.1, every Wycheproof case, the
 * 914 C2SP/CCTV edge-case vectors (ZIP-215's among them), and constructed signatures whose R has a
 * small-order component.
 */
class CofactoredEd25519VectorsTest {
    /** A vector: key bytes, message, signature, and the verdict our rules require. */
    record Case(String name, byte[] key, byte[] message, byte[] signature, boolean expected) {}

    private static final Case PAD = new Case("RFC 8032 TEST 2",
            hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"), hex("72"),
            hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                    + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"), true);

    @Test
    void rfc8032Section71() {
        List<Case> cases = List.of(
                new Case("TEST 1", hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
                        new byte[0],
                        hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
                        true),
                PAD,
                new Case("TEST 3", hex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"),
                        hex("af82"),
                        hex("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
                        true),
                new Case("TEST SHA(abc)", hex("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf"),
                        hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
                        hex("dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"),
                        true));
        assertAllAgree(cases);
    }

    @Test
    void everyWycheproofCase() throws Exception {
        Path file = SharedTestData.requireDir("wycheproof").resolve("ed25519_test.json");
        JsonObject root = JsonParser.parseObject(Files.readAllBytes(file));
        List<Case> cases = new ArrayList<>();
        JsonArray groups = root.requireArray("testGroups");
        for (int g = 0; g < groups.size(); g++) {
            JsonObject group = groups.requireObject(g);
            byte[] key = hex(group.requireObject("publicKey").requireString("pk"));
            JsonArray tests = group.requireArray("tests");
            for (int t = 0; t < tests.size(); t++) {
                JsonObject test = tests.requireObject(t);
                String result = test.requireString("result");
                assertThat(result).as("Wycheproof has no 'acceptable' Ed25519 cases").isIn("valid", "invalid");
                cases.add(new Case("tcId " + test.requireLong("tcId") + " (" + test.optionalString("comment").orElse("")
                        + ")", key, hex(test.requireString("msg")), hex(test.requireString("sig")),
                        result.equals("valid")));
            }
        }
        assertThat(cases).hasSize(root.requireInt("numberOfTests"));
        assertAllAgree(cases);
    }

    /**
     * C2SP/CCTV's vectors. ZIP-215 accepts all of them; our rules reject every key with a
     * small-order component or a non-canonical encoding, and every non-canonical R, and accept the
     * rest, all of which satisfy the cofactored equation.
     */
    @Test
    void everyCctvEdgeCaseVector() throws Exception {
        byte[] json;
        try (InputStream in = getClass().getResourceAsStream("/cctv-ed25519/ed25519vectors.json")) {
            json = in.readAllBytes();
        }
        JsonArray vectors = (JsonArray) JsonParser.parse(json);
        List<Case> cases = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < vectors.size(); i++) {
            JsonObject v = vectors.requireObject(i);
            Set<String> flags = new HashSet<>();
            JsonValue flagValue = v.require("flags");
            if (flagValue instanceof JsonArray array) {
                for (int f = 0; f < array.size(); f++) {
                    flags.add(array.requireString(f));
                }
            }
            boolean badKey = flags.contains("low_order_A") || flags.contains("low_order_component_A")
                    || flags.contains("non_canonical_A");
            boolean expected = !badKey && !flags.contains("non_canonical_R");
            accepted += expected ? 1 : 0;
            cases.add(new Case("number " + v.requireLong("number") + " " + flags, hex(v.requireString("key")),
                    v.requireString("msg").getBytes(StandardCharsets.UTF_8), hex(v.requireString("sig")),
                    expected));
        }
        assertThat(cases).hasSize(914);
        // 28 vectors have a prime-order key; 12 of those have a non-canonical R.
        assertThat(accepted).isEqualTo(16);
        assertAllAgree(cases);
    }

    /**
     * For every small-order point T: R = [r]B + T (mixed order), and R = T alone (r = 0). The
     * cofactored equation holds, so both single and batch accept; with S + L instead of S, or a
     * different message, both reject.
     */
    @Test
    void nonceWithSmallOrderComponent() {
        EdwardsTestMath math = new EdwardsTestMath();
        byte[] seed = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] key = BcEd25519.derivePublicKey(seed);
        byte[] message = "small-order nonce".getBytes(StandardCharsets.US_ASCII);
        List<Case> cases = new ArrayList<>();
        for (int t = 0; t < EdwardsTestMath.SMALL_ORDER.length; t++) {
            EdwardsPoints.Extended torsion = math.decode(hex(EdwardsTestMath.SMALL_ORDER[t]));
            assertThat(math.isIdentity(math.multiply(BigInteger.valueOf(8), torsion))).as("[8]T = 0").isTrue();
            for (BigInteger r : List.of(BigInteger.valueOf(123456789L + t).pow(7).mod(EdwardsTestMath.L),
                    BigInteger.ZERO)) {
                byte[] sig = math.signWithNonce(seed, key, message, r, torsion);
                String name = "T" + t + (r.signum() == 0 ? " alone" : " + [r]B");
                cases.add(new Case(name, key, message, sig, true));
                byte[] bigS = sig.clone();
                BigInteger s = EdwardsTestMath.le(java.util.Arrays.copyOfRange(sig, 32, 64)).add(EdwardsTestMath.L);
                System.arraycopy(EdwardsTestMath.le32(s), 0, bigS, 32, 32);
                cases.add(new Case(name + ", S + L", key, message, bigS, false));
                cases.add(new Case(name + ", other message", key, "other".getBytes(StandardCharsets.US_ASCII), sig,
                        false));
            }
        }
        assertAllAgree(cases);
    }

    /** Keys with a small-order component (A' = A + T) fail validation, so nothing verifies under them. */
    @Test
    void mixedOrderKeysAreRejected() {
        EdwardsTestMath math = new EdwardsTestMath();
        byte[] key = BcEd25519.derivePublicKey(new byte[32]);
        assertThat(BcEd25519.prepare(key)).isNotNull();
        for (int t = 0; t < EdwardsTestMath.SMALL_ORDER.length; t++) {
            byte[] torsion = hex(EdwardsTestMath.SMALL_ORDER[t]);
            assertThat(BcEd25519.prepare(torsion)).as("T%d", t).isNull();
            if (t > 0) {
                byte[] mixed = EdwardsTestMath.encode(math.add(math.decode(key), math.decode(torsion)));
                assertThat(BcEd25519.prepare(mixed)).as("A + T%d", t).isNull();
            }
        }
    }

    static byte[] hex(String text) {
        try {
            return Hex.decode(text);
        } catch (Hex.MalformedHexException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Single, cofactored-only and batch (alone with valid padding, and all together) verdicts all equal {@code expected}. */
    private static void assertAllAgree(List<Case> cases) {
        List<String> failures = new ArrayList<>();
        BcEd25519.PreparedPublicKey pad = BcEd25519.prepare(PAD.key);
        CofactoredEd25519.Batch all = new CofactoredEd25519.Batch();
        List<Case> inAll = new ArrayList<>();
        for (Case c : cases) {
            BcEd25519.PreparedPublicKey key = c.key.length == 32 ? BcEd25519.prepare(c.key) : null;
            boolean single = key != null && BcEd25519.verify(key, c.signature, c.message, 0, c.message.length);
            boolean cofactored = key != null
                    && CofactoredEd25519.verify(key, c.signature, c.message, 0, c.message.length);
            boolean batched = false;
            if (key != null) {
                CofactoredEd25519.Batch batch = new CofactoredEd25519.Batch();
                batch.add(pad, PAD.signature, PAD.message, 0, PAD.message.length);
                batch.add(key, c.signature, c.message, 0, c.message.length);
                batch.add(pad, PAD.signature, PAD.message, 0, PAD.message.length);
                boolean[] verdicts = batch.verify();
                batched = verdicts[1];
                if (!verdicts[0] || !verdicts[2]) {
                    failures.add(c.name + ": valid padding rejected");
                }
                if (batched && !batch.combinationHeld()) {
                    failures.add(c.name + ": accepted by the fallback, not the combination");
                }
                all.add(key, c.signature, c.message, 0, c.message.length);
                inAll.add(c);
            }
            if (single != c.expected || cofactored != c.expected || batched != c.expected) {
                failures.add(c.name + ": expected " + c.expected + ", single " + single + ", cofactored " + cofactored
                        + ", batch " + batched);
            }
        }
        boolean[] verdicts = all.verify();
        for (int i = 0; i < inAll.size(); i++) {
            if (verdicts[i] != inAll.get(i).expected) {
                failures.add(inAll.get(i).name + ": in the batch of all, got " + verdicts[i]);
            }
        }
        assertThat(failures).isEmpty();
    }
}
