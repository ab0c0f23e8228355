package org.oversight.domain.bundle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.MalformedRecordException;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonFieldException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.merkle.rfc6962.InclusionProof;
import org.oversight.domain.note.MalformedNoteException;

/**
 * The court evidence bundle for one match (docs/format.md §11): one canonical JSON document
 * carrying the signed checkpoint it is anchored to, the events that matter each with leaf bytes,
 * leaf index and inclusion proof, the watchlist snapshot proof of the candidate entry and,
 * optionally, the aligned face crop of the detection (version 1) or the disclosed biometric records
 * of the probe and the enrolment (version 2, {@link BundleRecords}).
 *
 * <p>{@link #parse} checks the form only (§11.4); whether the checkpoint, proofs, signatures and
 * rules hold is the verifier's job. Immutable.
 */
public final class EvidenceBundle {
    /** The {@code format} member of every version-1 bundle. */
    public static final String FORMAT = "oversight/bundle/v1";
    /** The {@code format} member of every version-2 bundle (with disclosed records, §11.6). */
    public static final String FORMAT_V2 = "oversight/bundle/v2";
    /** Largest bundle in bytes. */
    public static final int MAX_BYTES = 16 << 20;
    /** Most events in one bundle. */
    public static final int MAX_EVENTS = 1024;
    /** Largest leaf (docs/format.md §6.1). */
    public static final int MAX_LEAF_BYTES = 65_535;
    /** Most hashes in one inclusion proof (a tree below 2^63 leaves needs at most 63). */
    public static final int MAX_PROOF_HASHES = 63;
    /** Largest aligned crop in bytes. */
    public static final int MAX_CROP_BYTES = 1 << 20;
    /** Largest snapshot leaf data in bytes (16 template digests and the rest fit easily). */
    public static final int MAX_SNAPSHOT_LEAF_BYTES = 4096;
    /** Deepest nesting: bundle, events array, event, then the envelope's 8 levels. */
    static final int MAX_DEPTH = 11;
    /** Largest leaf index or tree size (JSON integers are exact below 2^53). */
    private static final long MAX_INDEX = (1L << 53) - 1;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> MEMBERS = Set.of("alignedCrop", "checkpoint", "events", "format", "match",
            "snapshot");
    private static final Set<String> MEMBERS_V2 = Set.of("checkpoint", "events", "format", "match", "records",
            "snapshot");
    private static final Set<String> RECORDS_MEMBERS = Set.of("enrolment", "entryRecord", "probe");
    private static final Set<String> PROBE_MEMBERS = Set.of("detection", "record");
    private static final Set<String> ENROLMENT_MEMBERS = Set.of("alignedCrop", "entry", "template");
    private static final Set<String> EVENT_MEMBERS = Set.of("hashes", "leaf", "leafIndex", "treeSize");
    private static final Set<String> SNAPSHOT_MEMBERS = Set.of("entry", "hashes", "leafData", "leafIndex", "root",
            "size");

    private final String match;
    private final SignedCheckpoint checkpoint;
    private final List<BundleLeaf> events;
    private final SnapshotProof snapshot;
    private final byte[] alignedCrop;
    private final BundleRecords records;

    /**
     * @param match the match id
     * @param checkpoint the signed checkpoint every event proof is against
     * @param events the events, in strictly increasing leaf index order, at least one
     * @param snapshot the candidate entry's snapshot proof
     * @param alignedCrop the detection's aligned crop bytes (§9.2), if carried
     * @throws IllegalArgumentException if {@code match} is not an identifier, {@code events} is empty,
     *     too long or not strictly increasing by leaf index
     */
    public EvidenceBundle(String match, SignedCheckpoint checkpoint, List<BundleLeaf> events, SnapshotProof snapshot,
            Optional<byte[]> alignedCrop) {
        this(match, checkpoint, events, snapshot, alignedCrop, null);
    }

    /**
     * A version-2 bundle (§11.6): as version 1, with the disclosed {@code records} instead of a bare
     * crop.
     *
     * @throws IllegalArgumentException as the version-1 constructor
     */
    public static EvidenceBundle v2(String match, SignedCheckpoint checkpoint, List<BundleLeaf> events,
            SnapshotProof snapshot, BundleRecords records) {
        return new EvidenceBundle(match, checkpoint, events, snapshot, Optional.empty(),
                Objects.requireNonNull(records, "records"));
    }

    private EvidenceBundle(String match, SignedCheckpoint checkpoint, List<BundleLeaf> events, SnapshotProof snapshot,
            Optional<byte[]> alignedCrop, BundleRecords records) {
        this.records = records;
        this.match = Objects.requireNonNull(match, "match");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.events = List.copyOf(events);
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.alignedCrop = alignedCrop.map(byte[]::clone).orElse(null);
        if (!IDENTIFIER.matcher(match).matches()) {
            throw new IllegalArgumentException("match id \"" + match + "\" is not an identifier");
        }
        if (this.events.isEmpty() || this.events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("event count " + this.events.size() + " not in 1.." + MAX_EVENTS);
        }
        for (int i = 1; i < this.events.size(); i++) {
            long before = this.events.get(i - 1).leafIndex();
            long at = this.events.get(i).leafIndex();
            if (at <= before) {
                throw new IllegalArgumentException("leaf index " + at + " <= previous " + before);
            }
        }
    }

    /** The match id. */
    public String match() {
        return match;
    }

    /** The signed checkpoint (unverified). */
    public SignedCheckpoint checkpoint() {
        return checkpoint;
    }

    /** The events in leaf order. */
    public List<BundleLeaf> events() {
        return events;
    }

    public SnapshotProof snapshot() {
        return snapshot;
    }

    /** The bundle's format version: 1, or 2 when it carries disclosed records. */
    public int version() {
        return records == null ? 1 : 2;
    }

    /** The disclosed records of a version-2 bundle; empty for version 1. */
    public Optional<BundleRecords> records() {
        return Optional.ofNullable(records);
    }

    /** The detection's aligned crop bytes carried by a version-1 bundle, if any (a copy). */
    public Optional<byte[]> alignedCrop() {
        return alignedCrop == null ? Optional.empty() : Optional.of(alignedCrop.clone());
    }

    /** The bundle as JSON (§11.1). */
    public JsonObject toJson() {
        JsonArray.Builder leaves = JsonArray.builder();
        for (BundleLeaf leaf : events) {
            JsonObject leafJson;
            try {
                leafJson = CanonicalJson.parseCanonicalObject(leaf.leafBytes());
            } catch (JsonException e) {
                throw new IllegalStateException("leaf " + leaf.leafIndex() + " is not canonical JSON: " + e.getMessage(),
                        e);
            }
            leaves.add(JsonObject.builder()
                    .put("hashes", hexArray(leaf.proof().hashes()))
                    .put("leaf", leafJson)
                    .put("leafIndex", leaf.leafIndex())
                    .put("treeSize", leaf.proof().treeSize())
                    .build());
        }
        JsonObject.Builder b = JsonObject.builder()
                .put("checkpoint", new String(checkpoint.toBytes(), StandardCharsets.UTF_8))
                .put("events", leaves.build())
                .put("format", records == null ? FORMAT : FORMAT_V2)
                .put("match", match)
                .put("snapshot", JsonObject.builder()
                        .put("entry", snapshot.entry())
                        .put("hashes", hexArray(snapshot.proof().hashes()))
                        .putBase64("leafData", snapshot.leafData())
                        .put("leafIndex", snapshot.proof().leafIndex())
                        .put("root", snapshot.root().hex())
                        .put("size", snapshot.size())
                        .build());
        if (alignedCrop != null) {
            b.putBase64("alignedCrop", alignedCrop);
        }
        if (records != null) {
            JsonObject.Builder r = JsonObject.builder().put("probe", JsonObject.builder()
                    .put("detection", records.probeDetection().toJson())
                    .put("record", records.probe().toJson()).build());
            records.enrolment().ifPresent(e -> r.put("enrolment", JsonObject.builder()
                    .putBase64("alignedCrop", e.alignedCrop()).put("entry", e.entry()).put("template", e.template())
                    .build()));
            records.entryRecord().ifPresent(e -> r.put("entryRecord", e.toJson()));
            b.put("records", r.build());
        }
        return b.build();
    }

    /**
     * The bundle's canonical bytes.
     *
     * @throws IllegalStateException if a leaf is not canonical JSON (a bundle built from a log of
     *     accepted events never has one)
     */
    public byte[] toBytes() {
        return CanonicalJson.encode(toJson());
    }

    private static JsonArray hexArray(List<Sha256Digest> hashes) {
        JsonArray.Builder a = JsonArray.builder();
        for (Sha256Digest h : hashes) {
            a.add(h.hex());
        }
        return a.build();
    }

    /**
     * Parses a bundle, checking its form (docs/format.md §11.4).
     *
     * @throws MalformedBundleException naming the offending member path and value if the bytes are
     *     longer than {@value #MAX_BYTES}, not canonical JSON, or break any constraint of §11
     */
    public static EvidenceBundle parse(byte[] bytes) throws MalformedBundleException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw new MalformedBundleException("bundle of " + bytes.length + " bytes > " + MAX_BYTES);
        }
        try {
            JsonValue value = CanonicalJson.parseCanonical(bytes, new JsonLimits(MAX_DEPTH, MAX_BYTES));
            if (!(value instanceof JsonObject root)) {
                throw new MalformedBundleException("$: expected an object");
            }
            return fromJson(root);
        } catch (JsonException e) {
            throw new MalformedBundleException(e.getMessage(), e);
        }
    }

    private static EvidenceBundle fromJson(JsonObject o) throws JsonException, MalformedBundleException {
        String format = o.requireString("format");
        boolean v2 = format.equals(FORMAT_V2);
        if (!format.equals(FORMAT) && !v2) {
            throw new MalformedBundleException("$.format: \"" + format + "\" is not \"" + FORMAT + "\" or \""
                    + FORMAT_V2 + "\"");
        }
        o.requireOnly(v2 ? MEMBERS_V2 : MEMBERS);
        String match = identifier(o, "match", "$.match");
        String note = o.requireString("checkpoint");
        SignedCheckpoint checkpoint;
        try {
            checkpoint = SignedCheckpoint.parse(note.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedNoteException | MalformedCheckpointException e) {
            throw new MalformedBundleException("$.checkpoint: " + e.getMessage(), e);
        }
        JsonArray array = o.requireArray("events");
        array.requireSize(1, MAX_EVENTS);
        List<BundleLeaf> events = new ArrayList<>(array.size());
        long previous = -1;
        for (int i = 0; i < array.size(); i++) {
            String path = "$.events[" + i + "]";
            JsonObject e = array.requireObject(i);
            e.requireOnly(EVENT_MEMBERS);
            long leafIndex = e.requireLong("leafIndex", 0, MAX_INDEX);
            if (leafIndex <= previous) {
                throw new MalformedBundleException(path + ".leafIndex: " + leafIndex + " <= previous leaf index "
                        + previous + " (events must be in strictly increasing leaf order)");
            }
            previous = leafIndex;
            long treeSize = e.requireLong("treeSize", 1, MAX_INDEX);
            List<Sha256Digest> hashes = hashes(e.requireArray("hashes"), path + ".hashes");
            byte[] leaf = CanonicalJson.encode(e.requireObject("leaf"));
            if (leaf.length > MAX_LEAF_BYTES) {
                throw new MalformedBundleException(path + ".leaf: " + leaf.length + " bytes > " + MAX_LEAF_BYTES);
            }
            events.add(new BundleLeaf(leaf, new InclusionProof(leafIndex, treeSize, hashes)));
        }
        JsonObject s = o.requireObject("snapshot");
        s.requireOnly(SNAPSHOT_MEMBERS);
        String entry = identifier(s, "entry", "$.snapshot.entry");
        byte[] leafData = s.requireBase64("leafData");
        if (leafData.length == 0 || leafData.length > MAX_SNAPSHOT_LEAF_BYTES) {
            throw new MalformedBundleException("$.snapshot.leafData: " + leafData.length + " bytes not in 1.."
                    + MAX_SNAPSHOT_LEAF_BYTES);
        }
        long size = s.requireLong("size", 1, Integer.MAX_VALUE);
        long leafIndex = s.requireLong("leafIndex", 0, Integer.MAX_VALUE);
        List<Sha256Digest> hashes = hashes(s.requireArray("hashes"), "$.snapshot.hashes");
        Sha256Digest root = digest(s.requireString("root"), "$.snapshot.root");
        SnapshotProof snapshot = new SnapshotProof(entry, leafData, new InclusionProof(leafIndex, size, hashes), root);
        Optional<byte[]> crop = Optional.empty();
        if (o.has("alignedCrop")) {
            byte[] c = o.requireBase64("alignedCrop");
            if (c.length == 0 || c.length > MAX_CROP_BYTES) {
                throw new MalformedBundleException("$.alignedCrop: " + c.length + " bytes not in 1.." + MAX_CROP_BYTES);
            }
            crop = Optional.of(c);
        }
        BundleRecords records = v2 ? records(o.requireObject("records")) : null;
        return new EvidenceBundle(match, checkpoint, events, snapshot, crop, records);
    }

    private static BundleRecords records(JsonObject r) throws JsonException, MalformedBundleException {
        r.requireOnly(RECORDS_MEMBERS);
        JsonObject p = r.requireObject("probe");
        p.requireOnly(PROBE_MEMBERS);
        DetectionRef detection;
        try {
            detection = DetectionRef.fromJson(p.requireObject("detection"));
        } catch (InvalidEventException e) {
            throw new MalformedBundleException("$.records.probe.detection: " + e.getMessage(), e);
        }
        BiometricRecord probe;
        try {
            probe = BiometricRecord.parse(CanonicalJson.encode(p.requireObject("record")));
        } catch (MalformedRecordException e) {
            throw new MalformedBundleException("$.records.probe.record: " + e.getMessage(), e);
        }
        Optional<BundleRecords.EnrolmentCrop> enrolment = Optional.empty();
        if (r.has("enrolment")) {
            JsonObject e = r.requireObject("enrolment");
            e.requireOnly(ENROLMENT_MEMBERS);
            String entry = identifier(e, "entry", "$.records.enrolment.entry");
            long template = e.requireLong("template", 0, 15);
            byte[] crop = e.requireBase64("alignedCrop");
            if (crop.length == 0 || crop.length > BiometricRecord.MAX_CROP_BYTES) {
                throw new MalformedBundleException("$.records.enrolment.alignedCrop: " + crop.length
                        + " bytes not in 1.." + BiometricRecord.MAX_CROP_BYTES);
            }
            enrolment = Optional.of(new BundleRecords.EnrolmentCrop(entry, (int) template, crop));
        }
        Optional<SealedEnrolmentRecord> entryRecord = Optional.empty();
        if (r.has("entryRecord")) {
            try {
                entryRecord = Optional.of(SealedEnrolmentRecord.parse(CanonicalJson.encode(r.requireObject("entryRecord"))));
            } catch (MalformedRecordException e) {
                throw new MalformedBundleException("$.records.entryRecord: " + e.getMessage(), e);
            }
        }
        return new BundleRecords(detection, probe, enrolment, entryRecord);
    }

    private static String identifier(JsonObject o, String name, String path)
            throws JsonFieldException, MalformedBundleException {
        String id = o.requireString(name);
        if (!IDENTIFIER.matcher(id).matches()) {
            throw new MalformedBundleException(path + ": " + JsonString.of(id) + " is not an identifier"
                    + " (1-128 characters of [A-Za-z0-9._:-])");
        }
        return id;
    }

    private static List<Sha256Digest> hashes(JsonArray a, String path)
            throws JsonFieldException, MalformedBundleException {
        a.requireSize(0, MAX_PROOF_HASHES);
        List<Sha256Digest> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(digest(a.requireString(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static Sha256Digest digest(String hex, String path) throws MalformedBundleException {
        if (hex.length() != 2 * Sha256Digest.LENGTH) {
            throw new MalformedBundleException(path + ": \"" + abbreviate(hex) + "\" is not 64 hex digits");
        }
        try {
            return Sha256Digest.of(Hex.decode(hex));
        } catch (Hex.MalformedHexException e) {
            throw new MalformedBundleException(path + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvidenceBundle other && java.util.Arrays.equals(toBytes(), other.toBytes());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "EvidenceBundle{match " + match + ", " + events.size() + " events, checkpoint size "
                + checkpoint.checkpoint().size() + "}";
    }
}
