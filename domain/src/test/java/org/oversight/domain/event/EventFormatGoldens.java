package org.oversight.domain.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.chain.ChainVerdict;
import org.oversight.domain.chain.RecordedHashes;
import org.oversight.domain.chain.StreamChain;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.json.CanonicalJson;

/** Computes the body of every golden block of docs/format.md §3–§5 from the code. */
final class EventFormatGoldens {
    private static final Timestamp T0 = EventFixtures.time("2026-11-27T09:00:00.000Z");
    private static final Timestamp T1 = EventFixtures.time("2026-11-27T17:45:10.250Z");

    private EventFormatGoldens() {}

    static Ed25519PrivateKey officer() {
        return EventFixtures.key(EventFixtures.OFFICER_SEED);
    }

    static SignedEvent first() {
        return EventSigner.sign("ev-cam-0042-0", 0, Optional.empty(), T0, EventFixtures.cameraRegistered(), officer());
    }

    static SignedEvent second() {
        return EventSigner.sign("ev-cam-0042-1", 1, Optional.of(first().eventHash()), T1,
                EventFixtures.cameraDecommissioned(), officer());
    }

    /** Block name → body (without the fences; every line ends in a newline). */
    static Map<String, String> blocks() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("event-keys", keys());
        out.put("event-camera-registered", event(first()));
        for (EventPayload p : EventFixtures.allPayloads()) {
            out.put("payload-" + p.type().wireName(), utf8(CanonicalJson.encode(p.toJson())) + "\n");
        }
        for (EventPayload p : EventFixtures.schema2Payloads()) {
            out.put("payload-" + p.type().wireName() + "-schema2", utf8(CanonicalJson.encode(p.toJson())) + "\n");
        }
        out.put("payload-RecognitionPolicySet-schema2-searchAuthorisationMs",
                utf8(CanonicalJson.encode(EventFixtures.recognitionPolicySetV2WithSearchWindow().toJson())) + "\n");
        out.put("payload-ErasureEpochClosed-watchlist-entry", utf8(CanonicalJson.encode(
                closeKeepingAnEntry().toJson())) + "\n");
        out.put("event-camera-decommissioned", event(second()));
        out.put("chain-verdicts", verdicts());
        return out;
    }

    /** The §4.9 close with the fixture's kept detection and a kept schema-2 entry (illustrative hash). */
    static ErasureEpochClosed closeKeepingAnEntry() {
        ErasureEpochClosed c = EventFixtures.erasureEpochClosed();
        SealedWatchlistEntryAuthorized e = EventFixtures.sealedWatchlistEntryAuthorized();
        java.util.List<KeptRecord> kept = new ArrayList<>(c.kept());
        kept.add(new KeptRecord(e.authorisationRef(), new DetectionRef(EventHash.ofLeafBytes(EventFixtures.counting(5)),
                57), KeepReason.WATCHLIST_ENTRY, e.validUntil()));
        return new ErasureEpochClosed(c.epoch(), kept, c.erased());
    }

    private static String keys() {
        StringBuilder sb = new StringBuilder();
        int[] seeds = {EventFixtures.AUTHORITY_SEED, EventFixtures.OFFICER_SEED, EventFixtures.CAMERA_SEED};
        String[] names = {"authority", "officer", "camera"};
        for (int i = 0; i < seeds.length; i++) {
            Ed25519PrivateKey k = EventFixtures.key(seeds[i]);
            sb.append(names[i]).append(" seed: ").append(Hex.encode(k.exportSeed())).append('\n');
            sb.append(names[i]).append(" public key: ").append(k.publicKey().toText()).append('\n');
            sb.append(names[i]).append(" key id: ").append(k.publicKey().keyId().hex()).append('\n');
        }
        return align(sb.toString());
    }

    /** Pads every {@code name: value} line so the values line up. */
    private static String align(String text) {
        String[] lines = text.split("\n");
        int width = 0;
        for (String l : lines) {
            width = Math.max(width, l.indexOf(':') + 1);
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            int colon = l.indexOf(':') + 1;
            sb.append(l, 0, colon).append(" ".repeat(width - colon + 1)).append(l.substring(colon).strip()).append('\n');
        }
        return sb.toString();
    }

    private static String event(SignedEvent e) {
        byte[] input = e.signingInput();
        byte[] leaf = e.leafBytes();
        return "signing input (" + input.length + " bytes; the prefix line, then the envelope without sig):\n"
                + utf8(input) + "\n"
                + "signature (base64):\n"
                + e.signature().toBase64() + "\n"
                + "leaf bytes (" + leaf.length + " bytes; the envelope with sig):\n"
                + utf8(leaf) + "\n"
                + "event hash = SHA-256(0x00 || leaf bytes):\n"
                + e.eventHash().hex() + "\n";
    }

    private static String verdicts() {
        SignedEvent e0 = first();
        SignedEvent e1 = second();
        StreamHead head = StreamHead.EMPTY.advance(e0.eventHash()).advance(e1.eventHash());
        RecordedHashes recorded = (stream, seq) -> Optional.of(seq == 0 ? e0.eventHash() : e1.eventHash());
        Ed25519PrivateKey k = officer();
        EventHash h0 = e0.eventHash();
        EventHash h1 = e1.eventHash();
        List<String[]> cases = new ArrayList<>();
        List<SignedEvent> offers = List.of(
                e1,
                EventSigner.sign("ev-other", 1, Optional.of(h0), T1, new CameraDecommissioned("cam-0042", "other"), k),
                EventSigner.sign("ev-cam-0042-2", 2, Optional.of(h1), T1, new CameraDecommissioned("cam-0042", "x"), k),
                EventSigner.sign("ev-cam-0042-3", 3, Optional.of(h1), T1, new CameraDecommissioned("cam-0042", "x"), k),
                EventSigner.sign("ev-cam-0042-2b", 2, Optional.of(h0), T1, new CameraDecommissioned("cam-0042", "x"), k));
        StringBuilder sb = new StringBuilder();
        sb.append("stream camera/cam-0042, head: nextSeq 2, last ").append(h1.hex()).append('\n');
        for (SignedEvent offer : offers) {
            ChainVerdict v = StreamChain.check(head, offer, recorded);
            String name;
            if (v instanceof ChainVerdict.Ok) {
                name = "OK";
            } else if (v instanceof ChainVerdict.Replay) {
                name = "REPLAY";
            } else if (v instanceof ChainVerdict.Gap g) {
                name = "GAP (expected seq " + g.expectedSeq() + ")";
            } else if (v instanceof ChainVerdict.Fork f) {
                name = "FORK (recorded " + f.recorded().hex().substring(0, 16) + "…)";
            } else {
                ChainVerdict.WrongPrev w = (ChainVerdict.WrongPrev) v;
                name = "WRONG_PREV (expected prev " + w.expected().orElseThrow().hex().substring(0, 16) + "…)";
            }
            cases.add(new String[] {offer.header().eventId(), String.valueOf(offer.seq()),
                    offer.header().prev().orElseThrow().hex().substring(0, 16) + "…",
                    offer.eventHash().hex().substring(0, 16) + "…", name});
        }
        sb.append(String.format("%-15s %-4s %-18s %-18s %s%n", "eventId", "seq", "prev", "event hash", "verdict"));
        for (String[] c : cases) {
            sb.append(String.format("%-15s %-4s %-18s %-18s %s%n", (Object[]) c));
        }
        return sb.toString();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
