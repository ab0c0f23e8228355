package org.oversight.domain.event;

import java.util.List;
import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * Discloses sealed biometric records (docs/format.md §4.9): the signer is who unseals them, for
 * {@code purpose}, in case {@code caseRef}, handing them to {@code recipient}. Stream
 * {@code disclosure/<disclosure>}, seq 0 only. Signed by an authority, officer or reviewer.
 *
 * @param disclosure the disclosure id (equals the stream id)
 * @param records 1–4,096 detections whose records are disclosed, strictly increasing leaf order
 * @param purpose why
 * @param caseRef the case reference, text(256)
 * @param recipient who receives the data, text(256) (e.g. "Court: HCMA 1234/2026")
 */
public record RecordDisclosed(String disclosure, List<DetectionRef> records, DisclosurePurpose purpose,
        String caseRef, String recipient) implements EventPayload {
    /** Most records one disclosure may name. */
    public static final int MAX_RECORDS = 4_096;
    private static final Set<String> FIELDS = Set.of("disclosure", "records", "purpose", "caseRef", "recipient");

    public RecordDisclosed {
        Values.present("$.records", records);
        Values.present("$.purpose", purpose);
        records = List.copyOf(records);
        String d = disclosure;
        List<DetectionRef> r = records;
        String c = caseRef;
        String to = recipient;
        Values.unchecked(() -> check("$", d, r, c, to));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RecordDisclosed fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String disclosure = Fields.identifier(o, "disclosure");
        List<DetectionRef> records = DetectionRefs.parse(Fields.array(o, "records", 1, MAX_RECORDS));
        DisclosurePurpose purpose = DisclosurePurpose.fromWireName(Fields.path(o, "purpose"),
                Fields.string(o, "purpose"));
        String caseRef = Fields.text(o, "caseRef", 256);
        String recipient = Fields.text(o, "recipient", 256);
        check(o.path(), disclosure, records, caseRef, recipient);
        return new RecordDisclosed(disclosure, records, purpose, caseRef, recipient);
    }

    private static void check(String at, String disclosure, List<DetectionRef> records, String caseRef,
            String recipient) throws InvalidEventException {
        Values.identifier(at + ".disclosure", disclosure);
        DetectionRefs.check(at + ".records", records, 1, MAX_RECORDS);
        Values.text(at + ".caseRef", caseRef, 256);
        Values.text(at + ".recipient", recipient, 256);
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
        return JsonObject.builder()
                .put("disclosure", disclosure)
                .put("records", DetectionRefs.toJson(records))
                .put("purpose", purpose.wireName())
                .put("caseRef", caseRef)
                .put("recipient", recipient)
                .build();
    }
}
