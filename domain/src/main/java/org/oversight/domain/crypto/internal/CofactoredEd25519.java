package org.oversight.domain.crypto.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ed25519 verification with the cofactored equation {@code [8][S]B = [8]R + [8][k]A}, one
 * signature at a time or many at once, on {@link EdwardsPoints}.
 *
 * <p>Both paths first apply the same encoding rules: the signature is 64 bytes, {@code R} is a
 * canonical encoding of a curve point (RFC 8032 §5.1.3; any order), {@code S < L}; the public key
 * was validated when it was prepared (canonical, prime order). Then:
 * <ul>
 * <li>single: {@code [8]([S]B − R − [k]A)} is the identity, with k = SHA-512(R || A || M) mod L;
 * <li>batch: with independent random z_i, each uniform over a set of more than 2¹²⁸ non-zero
 *     integers distinct modulo L ({@link SparseCoefficients}),
 *     {@code [8]([Σ z_i·S_i]B − Σ [z_i]R_i − Σ_j [Σ_{i: key j} z_i·k_i]A_j)} is the identity.
 * </ul>
 * If every signature satisfies the single equation, the batch equation holds whatever the z_i
 * (each term is the identity after multiplying by 8). If some does not, [8] of its difference
 * is a non-zero point of order L, and the batch equation holds for at most one value of that
 * signature's z_i modulo L given all the others: probability below 2⁻¹²⁸. A failed batch is
 * re-checked one by one, so every verdict is the single verdict; the randomness decides only how
 * fast that verdict is reached (and the 2⁻¹²⁸ chance of accepting a bad batch, far below the
 * chance of forging a signature outright).
 *
 * <p>Multi-scalar multiplication is Straus's interleaved method with width-w NAFs: one shared
 * chain of ~253 doublings, and per point a table of odd multiples (the base point's is built once,
 * a key's once per key, and R's per signature).
 */
public final class CofactoredEd25519 {
    private static final int SIGNATURE_SIZE = 64;
    private static final int BASE_WIDTH = 8;
    private static final int KEY_WIDTH = 6;
    /** R's NAF width: that of the sparse coefficients ({@link SparseCoefficients}). */
    private static final int R_WIDTH = SparseCoefficients.WIDTH;
    /**
     * Signatures per random combination: bounds the re-checking after a failure, and the tables'
     * memory (about 1.3 KB of R multiples per signature). 128 rather than 64 halves the shared
     * doublings per signature.
     */
    static final int CHUNK = 128;
    private static final byte[] BASE_POINT_ENCODING = new byte[32];
    private static final EdwardsPoints.Cached[] BASE_TABLE;

    static {
        // B = (x, 4/5) with x even: encoded as 0x58 followed by 31 bytes 0x66 (RFC 8032 §5.1).
        BASE_POINT_ENCODING[0] = 0x58;
        for (int i = 1; i < 32; i++) {
            BASE_POINT_ENCODING[i] = 0x66;
        }
        EdwardsPoints points = new EdwardsPoints();
        EdwardsPoints.Extended base = new EdwardsPoints.Extended();
        if (!points.decode(BASE_POINT_ENCODING, 0, base)) {
            throw new IllegalStateException("base point does not decode");
        }
        BASE_TABLE = points.oddMultiples(base, BASE_WIDTH);
    }

    private CofactoredEd25519() {}

    /**
     * The cofactored single verdict of {@code signature} over {@code message[offset, offset+length)}
     * under {@code key} (see the class comment).
     */
    public static boolean verify(BcEd25519.PreparedPublicKey key, byte[] signature, byte[] message, int offset,
            int length) {
        Engine engine = new Engine();
        Item item = engine.check(key, signature, message, offset, length);
        if (item == null) {
            return false;
        }
        Term[] terms = {
            new Term(BASE_TABLE, Scalars.naf(Scalars.fromWords(item.s), BASE_WIDTH), false),
            new Term(engine.points.oddMultiples(item.r, 2), Scalars.naf(BigInteger.ONE, 2), true),
            new Term(engine.keyTable(key), Scalars.naf(Scalars.fromWords(item.h).mod(Scalars.L), KEY_WIDTH), true),
        };
        return engine.sumTimesEightIsIdentity(terms);
    }

    /**
     * Signatures collected for one batch check. Not thread-safe: one batch per thread.
     */
    public static final class Batch {
        private final List<BcEd25519.PreparedPublicKey> keys = new ArrayList<>();
        private final List<byte[]> signatures = new ArrayList<>();
        private final List<byte[]> messages = new ArrayList<>();
        private final List<int[]> ranges = new ArrayList<>();
        private boolean combinationHeld;

        /** Adds a signature over {@code message[offset, offset+length)}; returns its index in the verdicts. */
        public int add(BcEd25519.PreparedPublicKey key, byte[] signature, byte[] message, int offset, int length) {
            if (offset < 0 || length < 0 || offset > message.length - length) {
                throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + "+" + length
                        + ") outside a message of " + message.length + " bytes");
            }
            keys.add(key);
            signatures.add(signature);
            messages.add(message);
            ranges.add(new int[] {offset, length});
            return keys.size() - 1;
        }

        /** Number of signatures added. */
        public int size() {
            return keys.size();
        }

        /**
         * The verdict of each signature added, in order: exactly the single verdict
         * ({@link BcEd25519#verify}) of each (see the class comment for the 2⁻¹²⁸ caveat).
         */
        public boolean[] verify() {
            int n = keys.size();
            boolean[] verdicts = new boolean[n];
            Engine engine = new Engine();
            int[] order = groupedByKey();
            combinationHeld = n > 0;
            for (int from = 0; from < n; from += CHUNK) {
                combinationHeld &= verifyChunk(engine, order, from, Math.min(n, from + CHUNK), verdicts);
            }
            return verdicts;
        }

        /**
         * The indices of the signatures, those under the same key next to each other (keys in
         * order of first appearance, each key's signatures in the order added). Each combination
         * then needs one key term per distinct key in it rather than per signature (a key term
         * costs as much as several signatures' R terms); which signatures share a combination
         * changes only the time taken, never a verdict (see the class comment).
         */
        int[] groupedByKey() {
            int n = keys.size();
            Map<BcEd25519.PreparedPublicKey, Integer> group = new IdentityHashMap<>();
            int[] groupOf = new int[n];
            int[] groupSize = new int[n];
            for (int i = 0; i < n; i++) {
                Integer g = group.get(keys.get(i));
                if (g == null) {
                    g = group.size();
                    group.put(keys.get(i), g);
                }
                groupOf[i] = g;
                groupSize[g]++;
            }
            int[] next = new int[group.size()];
            for (int g = 1; g < next.length; g++) {
                next[g] = next[g - 1] + groupSize[g - 1];
            }
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[next[groupOf[i]]++] = i;
            }
            return order;
        }

        /**
         * Fills the verdicts of the signatures {@code order[from, to)}; returns whether the random
         * combination decided them.
         */
        private boolean verifyChunk(Engine engine, int[] order, int from, int to, boolean[] verdicts) {
            Item[] items = new Item[to - from];
            List<BcEd25519.PreparedPublicKey> chunkKeys = new ArrayList<>(to - from);
            int candidates = 0;
            for (int j = from; j < to; j++) {
                int i = order[j];
                int[] range = ranges.get(i);
                items[j - from] = engine.check(keys.get(i), signatures.get(i), messages.get(i), range[0], range[1]);
                chunkKeys.add(keys.get(i));
                if (items[j - from] != null) {
                    candidates++;
                }
            }
            if (candidates > 1 && engine.batchEquationHolds(items, chunkKeys)) {
                for (int j = from; j < to; j++) {
                    verdicts[order[j]] = items[j - from] != null;
                }
                return true;
            }
            // Name the bad ones: the same single check every caller uses.
            for (int j = from; j < to; j++) {
                if (items[j - from] != null) {
                    int i = order[j];
                    int[] range = ranges.get(i);
                    verdicts[i] = BcEd25519.verify(keys.get(i), signatures.get(i), messages.get(i), range[0], range[1]);
                }
            }
            return false;
        }

        /**
         * Whether, in the last {@link #verify()}, the random combination decided every verdict
         * (tests check that valid batches are not passed by the fallback).
         */
        boolean combinationHeld() {
            return combinationHeld;
        }
    }

    /** A signature that passed the encoding rules: its decoded R, S and k. */
    /** {@code s}: S in 8 little-endian words; {@code h}: SHA-512(R || A || M), unreduced, in 16. */
    private record Item(EdwardsPoints.Extended r, int[] s, int[] h) {}

    /** One point's table and the NAF of its scalar; {@code negate} subtracts it instead. */
    private record Term(EdwardsPoints.Cached[] table, byte[] naf, boolean negate) {}

    /** Scratch space and a digest for one verification or batch. */
    private static final class Engine {
        final EdwardsPoints points = new EdwardsPoints();
        private final MessageDigest sha512;
        /** The random coefficients of this engine's combinations. */
        private SparseCoefficients coefficients;
        /** R tables reused by every combination of this engine's batch (table i for the i-th R term). */
        private final List<EdwardsPoints.Cached[]> rTables = new ArrayList<>();

        Engine() {
            try {
                sha512 = MessageDigest.getInstance("SHA-512");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-512", e);
            }
        }

        /** The encoding rules, then k; null if the signature breaks a rule. */
        Item check(BcEd25519.PreparedPublicKey key, byte[] signature, byte[] message, int offset, int length) {
            if (signature.length != SIGNATURE_SIZE) {
                return null;
            }
            int[] s = Scalars.wordsOf(signature, 32, 8, 8);
            if (!Scalars.belowL(s)) {
                return null;
            }
            EdwardsPoints.Extended r = new EdwardsPoints.Extended();
            if (!points.decode(signature, 0, r)) {
                return null;
            }
            sha512.update(signature, 0, 32);
            sha512.update(key.encoded());
            sha512.update(message, offset, length);
            // k = h mod L; the batch reduces only its per-key sums, which is the same modulo L.
            int[] h = Scalars.wordsOf(sha512.digest(), 0, 16, 16);
            return new Item(r, s, h);
        }

        /** The {@code i}-th reusable table of R's odd multiples (width {@link #R_WIDTH}). */
        EdwardsPoints.Cached[] rTable(int i) {
            while (rTables.size() <= i) {
                EdwardsPoints.Cached[] table = new EdwardsPoints.Cached[1 << (R_WIDTH - 2)];
                for (int j = 0; j < table.length; j++) {
                    table[j] = new EdwardsPoints.Cached();
                }
                rTables.add(table);
            }
            return rTables.get(i);
        }

        /** The odd multiples of the key's point, built once per key. */
        EdwardsPoints.Cached[] keyTable(BcEd25519.PreparedPublicKey key) {
            EdwardsPoints.Cached[] table = key.oddMultiples;
            if (table == null) {
                EdwardsPoints.Extended a = new EdwardsPoints.Extended();
                if (!points.decode(key.encoded(), 0, a)) {
                    throw new IllegalStateException("a prepared public key does not decode");
                }
                table = points.oddMultiples(a, KEY_WIDTH);
                key.oddMultiples = table; // benign race: every thread computes the same table
            }
            return table;
        }

        boolean batchEquationHolds(Item[] items, List<BcEd25519.PreparedPublicKey> keys) {
            if (coefficients == null) {
                coefficients = new SparseCoefficients();
            }
            coefficients.reseed();
            // Σ z·S and, per key, Σ z·h as plain integers with z reduced modulo L (z < 2²⁵³,
            // S < 2²⁵³, h < 2⁵¹², at most CHUNK terms: below 2⁵¹³ and 2⁷⁷²), reduced modulo L once,
            // at the end. [z]R uses z's own digits: z and z mod L differ by a multiple of L,
            // which changes [z]R by a point of small order at most, and [8] removes it.
            int[] sSum = new int[18];
            Map<BcEd25519.PreparedPublicKey, Integer> keyIndex = new IdentityHashMap<>();
            List<BcEd25519.PreparedPublicKey> distinctKeys = new ArrayList<>();
            List<int[]> keySums = new ArrayList<>();
            List<Term> terms = new ArrayList<>();
            int[] z = new int[8];
            for (int i = 0; i < items.length; i++) {
                Item item = items[i];
                if (item == null) {
                    continue;
                }
                byte[] naf = new byte[Scalars.NAF_LENGTH];
                coefficients.next(naf, z);
                Scalars.multiplyAdd(z, item.s, sSum);
                BcEd25519.PreparedPublicKey key = keys.get(i);
                Integer j = keyIndex.get(key);
                if (j == null) {
                    j = distinctKeys.size();
                    keyIndex.put(key, j);
                    distinctKeys.add(key);
                    keySums.add(new int[26]);
                }
                Scalars.multiplyAdd(z, item.h, keySums.get(j));
                EdwardsPoints.Cached[] table = rTable(terms.size());
                points.oddMultiples(item.r, table);
                terms.add(new Term(table, naf, true));
            }
            terms.add(new Term(BASE_TABLE, Scalars.naf(Scalars.fromWords(sSum).mod(Scalars.L), BASE_WIDTH), false));
            for (int j = 0; j < distinctKeys.size(); j++) {
                terms.add(new Term(keyTable(distinctKeys.get(j)),
                        Scalars.naf(Scalars.fromWords(keySums.get(j)).mod(Scalars.L), KEY_WIDTH), true));
            }
            return sumTimesEightIsIdentity(terms.toArray(new Term[0]));
        }

        /** Whether [8](Σ ±[scalar]point) is the identity, by Straus's method. */
        boolean sumTimesEightIsIdentity(Term[] terms) {
            int top = -1;
            for (Term term : terms) {
                for (int i = Scalars.NAF_LENGTH - 1; i > top; i--) {
                    if (term.naf[i] != 0) {
                        top = i;
                        break;
                    }
                }
            }
            EdwardsPoints.Extended acc = new EdwardsPoints.Extended();
            EdwardsPoints.setIdentity(acc);
            for (int i = top; i >= 0; i--) {
                points.dbl(acc, acc);
                for (Term term : terms) {
                    int digit = term.naf[i];
                    if (digit != 0) {
                        boolean subtract = (digit < 0) != term.negate;
                        points.add(acc, term.table[Math.abs(digit) >>> 1], subtract, acc);
                    }
                }
            }
            points.dbl(acc, acc);
            points.dbl(acc, acc);
            points.dbl(acc, acc);
            return points.isIdentity(acc);
        }
    }
}
