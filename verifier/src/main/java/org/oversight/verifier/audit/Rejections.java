package org.oversight.verifier.audit;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.oversight.domain.chain.ChainException;
import org.oversight.domain.chain.ChainVerdict;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.PermissionMatrix;
import org.oversight.domain.principal.PrincipalRegistry;
import org.oversight.domain.principal.RegistryException;
import org.oversight.domain.replay.LogReplayer;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;

/**
 * Turns each stage's rejection of the event at a leaf into a {@link Finding}: the rule, and what a
 * correct log has there versus what this one has, in terms a reader can check against the export
 * (stream, seq, hashes, key ids, roles, the leaves where keys were enrolled or revoked).
 *
 * <p>Must be called before anything else is accepted: it reads the replayer's state as it was
 * when the event was rejected (a rejection changes no state).
 */
final class Rejections {
    private static final JsonLimits CLAIM_LIMITS = new JsonLimits(8, SignedEvent.MAX_BYTES);
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:/@+-]{1,128}");

    private final LogReplayer replayer;
    private final StreamPositions positions;

    Rejections(LogReplayer replayer, StreamPositions positions) {
        this.replayer = replayer;
        this.positions = positions;
    }

    static Finding notCanonical(long leaf, byte[] leafBytes, InvalidEventException e) {
        return new Finding(Rule.CANONICAL, leaf, claimedEventId(leafBytes),
                "the canonical JSON encoding of a well-formed signed event (format.md §3)",
                "leaf rejected: " + e.getMessage());
    }

    /**
     * The event id a rejected leaf claims in {@code header.eventId}, if it parses as JSON at all and
     * the id is short plain text; otherwise empty. Only to help a reader find the event.
     */
    static String claimedEventId(byte[] leafBytes) {
        try {
            JsonValue value = JsonParser.parse(leafBytes, CLAIM_LIMITS);
            if (value instanceof JsonObject envelope
                    && envelope.get("header").orElse(null) instanceof JsonObject header
                    && header.get("eventId").orElse(null) instanceof JsonString id
                    && PLAIN_ID.matcher(id.value()).matches()) {
                return id.value();
            }
        } catch (JsonException e) {
            // Not JSON: nothing to name.
        }
        return "";
    }

    Finding chain(SignedEvent event, long leaf, ChainException e) {
        ChainVerdict v = e.verdict();
        StreamHead head = replayer.chains().head(event.stream());
        String stream = "stream " + event.stream() + ": ";
        String expected = stream + "seq " + head.nextSeq() + " with prev " + hash(head.last());
        String found;
        if (v instanceof ChainVerdict.Replay r) {
            found = "REPLAY: seq " + v.seq() + " is event " + r.hash() + ", already at leaf "
                    + positions.leafOf(event.stream(), v.seq());
        } else if (v instanceof ChainVerdict.Fork f) {
            expected = stream + "seq " + v.seq() + " is event " + f.recorded() + " (leaf "
                    + positions.leafOf(event.stream(), v.seq()) + "); next seq " + head.nextSeq();
            found = "FORK: a different event " + f.offered() + " at seq " + v.seq();
        } else if (v instanceof ChainVerdict.Gap) {
            found = "GAP: seq " + v.seq() + " with prev " + hash(event.header().prev());
        } else {
            found = "WRONG_PREV: seq " + v.seq() + " with prev " + hash(event.header().prev());
        }
        return new Finding(Rule.CHAIN, leaf, event.header().eventId(), expected, found);
    }

    Finding registry(SignedEvent event, long leaf, RegistryException e) {
        PrincipalRegistry registry = replayer.registry();
        Rule rule = e instanceof RegistryException.Conflict ? Rule.REGISTRY : authorisationRule(event);
        String signer = event.header().signer().hex();
        Optional<KeyRecord> key = registry.key(event.header().signer());
        String expected;
        String found;
        if (e instanceof RegistryException.UnknownSigner) {
            expected = expectedSigner(event, leaf);
            found = "signer key " + signer + " was never enrolled";
        } else if (e instanceof RegistryException.KeyNotValid && key.isPresent()) {
            expected = expectedSigner(event, leaf);
            found = "signer key " + describe(key.get()) + ", not valid at leaf " + leaf;
        } else if (e instanceof RegistryException.PermissionDenied && key.isPresent()) {
            expected = expectedSigner(event, leaf);
            found = "signer key " + describe(key.get()) + ": " + afterLeaf(e.getMessage());
        } else {
            expected = rule == Rule.REGISTRY
                    ? event.type().wireName() + " consistent with the principals, keys and cameras before leaf " + leaf
                    : expectedSigner(event, leaf);
            found = afterLeaf(e.getMessage());
        }
        return new Finding(rule, leaf, event.header().eventId(), expected, found);
    }

    Finding signature(SignedEvent event, long leaf, EventSignatureException e) {
        String key = replayer.registry().key(event.header().signer()).map(Rejections::describe)
                .orElse(event.header().signer().hex());
        return new Finding(Rule.SIGNATURE, leaf, event.header().eventId(),
                "a valid Ed25519 signature (format.md §3.4) by key " + key,
                "signature does not verify: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    }

    /** R9 for detections (a camera's device key must sign them), otherwise the signer rule. */
    private static Rule authorisationRule(SignedEvent event) {
        return event.type() == EventType.FACE_DETECTED ? Rule.R9_CAMERA : Rule.SIGNATURE;
    }

    private String expectedSigner(SignedEvent event, long leaf) {
        if (event.type() == EventType.FACE_DETECTED) {
            String camera = event.stream().id();
            String registered = replayer.registry().camera(camera).map(c -> "device key " + c.deviceKey().hex()
                    + " of camera " + camera + " (registered at leaf " + c.registeredAt()
                    + c.decommissionedAt().stream().mapToObj(d -> ", decommissioned at leaf " + d)
                            .collect(Collectors.joining()) + ")")
                    .orElse("the device key of camera " + camera + " (not registered before leaf " + leaf + ")");
            return "a detection signed by the " + registered + ", valid at leaf " + leaf;
        }
        String roles = PermissionMatrix.signersOf(event.type()).stream().map(Role::wireName).sorted()
                .collect(Collectors.joining(" or "));
        return "a signature by a key of role " + roles + " allowed to sign " + event.type().wireName() + " in "
                + event.stream() + ", enrolled before leaf " + leaf + " and not revoked";
    }

    private static String describe(KeyRecord key) {
        return key.keyId().hex() + " (" + key.role().wireName() + " " + key.owner() + ", enrolled at leaf "
                + key.enrolledAt()
                + key.revokedAt().stream().mapToObj(r -> (key.role() == Role.CAMERA ? ", camera decommissioned"
                        : ", revoked") + " at leaf " + r).collect(Collectors.joining()) + ")";
    }

    private static String hash(Optional<EventHash> hash) {
        return hash.map(EventHash::hex).orElse("null");
    }

    /** The registry's message without its "Type id in stream at leaf n: " prefix, which the finding already names. */
    private static String afterLeaf(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 && message.substring(0, colon).contains(" at leaf ") ? message.substring(colon + 2) : message;
    }
}
