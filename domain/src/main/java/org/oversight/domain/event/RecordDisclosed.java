package org.oversight.domain.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonFieldException;
import org.oversight.domain.json.JsonObject;

/**
 * Discloses sealed biometric records (docs/format.md §4.9): the signer is who unseals them, for
 * {@code purpose}, in case {@code caseRef}, handing them to {@code recipient}. Stream
 * {@code disclosure/<disclosure>}, seq 0 only. Signed by an authority, officer or reviewer.
 *
 * <p>Schema 1 names detections only; schema 2 ({@link #entries()} present) also names watchlist
 * entries whose enrolment records (the aligned crops their templates were derived from) the vault
 * releases. A reader dispatches on the header's {@code schema}, so schema-1 disclosures parse
 * exactly as before.
 *
 * @param disclosure the disclosure id (equals the stream id)
 * @param records the detections whose records are disclosed, strictly increasing leaf order:
 *     1–4,096 in schema 1, 0–4,096 in schema 2
 * @param purpose why
 * @param caseRef the case reference, text(256)
 * @param recipient who receives the data, text(256) (e.g. "Court: HCMA 1234/2026")
 * @param entries schema 2 only: 0–16 watchlist entry ids whose enrolment records are disclosed,
 *     strictly increasing (byte order; ids are ASCII); {@code records} and {@code entries} are not both
 *     empty. Empty for schema 1
 */
public record RecordDisclosed(String disclosure, List<DetectionRef> records, DisclosurePurpose purpose,
        String caseRef, String recipient, Optional<List<String>> entries) implements EventPayload {
    /** Most records one disclosure may name. */
    public static final int MAX_RECORDS = 4_096;
    /** Most watchlist entries one schema-2 disclosure may name. */
    public static final int MAX_ENTRIES = 16;
    private static final Set<String> FIELDS = Set.of("disclosure", "records", "purpose", "caseRef", "recipient");
    private static final Set<String> FIELDS_V2 = Set.of("disclosure", "records", "purpose", "caseRef", "recipient",
            "entries");

    public RecordDisclosed {
        Values.present("$.records", records);
        Values.present("$.purpose", purpose);
        Values.present("$.entries", entries);
        records = List.copyOf(records);
        entries = entries.map(List::copyOf);
        String d = disclosure;
        List<DetectionRef> r = records;
        String c = caseRef;
        String to = recipient;
        Optional<List<String>> en = entries;
        Values.unchecked(() -> check("$", d, r, c, to, en));
    }

    /** A schema-1 disclosure: detections only. */
    public RecordDisclosed(String disclosure, List<DetectionRef> records, DisclosurePurpose purpose, String caseRef,
            String recipient) {
        this(disclosure, records, purpose, caseRef, recipient, Optional.empty());
    }

    /** A schema-2 disclosure of {@code records} (0 or more) and the enrolment records of {@code entries}. */
    public static RecordDisclosed withEntries(String disclosure, List<DetectionRef> records, List<String> entries,
            DisclosurePurpose purpose, String caseRef, String recipient) {
        return new RecordDisclosed(disclosure, records, purpose, caseRef, recipient, Optional.of(entries));
    }

    /**
     * Reads and validates a schema-1 payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RecordDisclosed fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        return read(o, Optional.empty());
    }

    /**
     * Reads and validates a schema-2 payload object: schema 1's members plus {@code entries}, with
     * {@code records} allowed to be empty when {@code entries} is not.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RecordDisclosed fromJsonV2(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS_V2);
        JsonArray a = Fields.array(o, "entries", 0, MAX_ENTRIES);
        List<String> entries = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String id;
            try {
                id = a.requireString(i);
            } catch (JsonFieldException e) {
                throw InvalidEventException.of(e);
            }
            entries.add(Values.isIdentifier(id) ? id : Values.identifier(a.path() + "[" + i + "]", id));
        }
        return read(o, Optional.of(entries));
    }

    private static RecordDisclosed read(JsonObject o, Optional<List<String>> entries) throws InvalidEventException {
        String disclosure = Fields.identifier(o, "disclosure");
        List<DetectionRef> records = DetectionRefs.parse(Fields.array(o, "records", entries.isPresent() ? 0 : 1,
                MAX_RECORDS));
        DisclosurePurpose purpose = DisclosurePurpose.fromWireName(Fields.path(o, "purpose"),
                Fields.string(o, "purpose"));
        String caseRef = Fields.text(o, "caseRef", 256);
        String recipient = Fields.text(o, "recipient", 256);
        check(o.path(), disclosure, records, caseRef, recipient, entries);
        return new RecordDisclosed(disclosure, records, purpose, caseRef, recipient, entries);
    }

    private static void check(String at, String disclosure, List<DetectionRef> records, String caseRef,
            String recipient, Optional<List<String>> entries) throws InvalidEventException {
        Values.identifier(at + ".disclosure", disclosure);
        DetectionRefs.check(at + ".records", records, entries.isPresent() ? 0 : 1, MAX_RECORDS);
        Values.text(at + ".caseRef", caseRef, 256);
        Values.text(at + ".recipient", recipient, 256);
        if (entries.isPresent()) {
            List<String> e = entries.get();
            if (e.size() > MAX_ENTRIES) {
                throw new InvalidEventException(at + ".entries", e.size() + " entries", "not 0.." + MAX_ENTRIES);
            }
            for (int i = 0; i < e.size(); i++) {
                Values.identifier(at + ".entries[" + i + "]", Objects.requireNonNull(e.get(i), "entry"));
                if (i > 0 && e.get(i).compareTo(e.get(i - 1)) <= 0) {
                    throw new InvalidEventException(at + ".entries[" + i + "]", e.get(i), "not after the previous"
                            + " entry " + e.get(i - 1) + " (strictly increasing, no duplicates)");
                }
            }
            if (records.isEmpty() && e.isEmpty()) {
                throw new InvalidEventException(at + ".entries", "[]", "records and entries are both empty: a"
                        + " disclosure names at least one record or entry");
            }
        }
    }

    /** The entries whose enrolment records are disclosed; empty for schema 1. */
    public List<String> disclosedEntries() {
        return entries.orElse(List.of());
    }

    @Override
    public int schema() {
        return entries.isPresent() ? EventType.SCHEMA_V2 : EventType.SCHEMA_V1;
    }

    @Override
    public EventType type() {
        return EventType.RECORD_DISCLOSED;
    }

    @Override
    public StreamId stream() {
        return StreamId.disclosure(disclosure);
    }

    @Override
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("disclosure", disclosure)
                .put("records", DetectionRefs.toJson(records))
                .put("purpose", purpose.wireName())
                .put("caseRef", caseRef)
                .put("recipient", recipient);
        entries.ifPresent(e -> b.put("entries", JsonArray.ofStrings(e)));
        return b.build();
    }
}
