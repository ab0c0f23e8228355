package org.oversight.domain.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.seal.EpochRecipient;

/**
 * Opens an erasure epoch (docs/format.md §4.9, §12): detections captured in
 * {@code [sealFrom, sealUntil)} are sealed to it, to exactly these recipients, and the epoch must be
 * closed (keys destroyed) by {@code eraseBy}. Stream {@code epoch/<epoch>}, seq 0 only. Signed by an
 * authority.
 *
 * @param epoch the epoch id (equals the stream id)
 * @param sealFrom first capture time sealed to this epoch
 * @param sealUntil capture times before this instant are sealed to it; after {@code sealFrom}
 * @param eraseBy the close must stand before any event whose header time is at or after this
 *     instant (rule R5); not before {@code sealUntil}
 * @param recipients 1–16 recipients, ids unique, exactly one {@link EpochRecipient.Vault}
 */
public record ErasureEpochOpened(String epoch, Timestamp sealFrom, Timestamp sealUntil, Timestamp eraseBy,
        List<EpochRecipient> recipients) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("epoch", "sealFrom", "sealUntil", "eraseBy", "recipients");

    public ErasureEpochOpened {
        Values.present("$.sealFrom", sealFrom);
        Values.present("$.sealUntil", sealUntil);
        Values.present("$.eraseBy", eraseBy);
        Values.present("$.recipients", recipients);
        recipients = List.copyOf(recipients);
        String e = epoch;
        List<EpochRecipient> r = recipients;
        Values.unchecked(() -> check("$", e, sealFrom, sealUntil, eraseBy, r));
    }

    /**
     * Reads and validates a payload object (witness proofs are verified when the event is
     * accepted, format.md §5.4, not here).
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static ErasureEpochOpened fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String epoch = Fields.identifier(o, "epoch");
        Timestamp from = Fields.timestamp(o, "sealFrom");
        Timestamp until = Fields.timestamp(o, "sealUntil");
        Timestamp eraseBy = Fields.timestamp(o, "eraseBy");
        JsonArray a = Fields.array(o, "recipients", 1, EpochRecipient.MAX_RECIPIENTS);
        List<EpochRecipient> recipients = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            recipients.add(EpochRecipient.fromJson(Fields.objectAt(a, i)));
        }
        check(o.path(), epoch, from, until, eraseBy, recipients);
        return new ErasureEpochOpened(epoch, from, until, eraseBy, recipients);
    }

    private static void check(String at, String epoch, Timestamp sealFrom, Timestamp sealUntil, Timestamp eraseBy,
            List<EpochRecipient> recipients) throws InvalidEventException {
        Values.identifier(at + ".epoch", epoch);
        if (sealUntil.compareTo(sealFrom) <= 0) {
            throw new InvalidEventException(at + ".sealUntil", sealUntil.text(), "not after sealFrom " + sealFrom.text());
        }
        if (eraseBy.compareTo(sealUntil) < 0) {
            throw new InvalidEventException(at + ".eraseBy", eraseBy.text(), "before sealUntil " + sealUntil.text());
        }
        if (recipients.isEmpty() || recipients.size() > EpochRecipient.MAX_RECIPIENTS) {
            throw new InvalidEventException(at + ".recipients", recipients.size() + " recipients",
                    "not 1.." + EpochRecipient.MAX_RECIPIENTS);
        }
        Set<String> seen = new TreeSet<>();
        int vaults = 0;
        for (int i = 0; i < recipients.size(); i++) {
            EpochRecipient r = recipients.get(i);
            if (!seen.add(r.recipient())) {
                throw new InvalidEventException(at + ".recipients[" + i + "].recipient", r.recipient(),
                        "recipient id used twice");
            }
            if (r instanceof EpochRecipient.Vault) {
                vaults++;
                if (vaults > 1) {
                    throw new InvalidEventException(at + ".recipients[" + i + "].kind", "vault",
                            "exactly one recipient must be of kind vault; this is the second");
                }
            }
        }
        if (vaults == 0) {
            throw new InvalidEventException(at + ".recipients", recipients.size() + " witness recipients",
                    "exactly one recipient must be of kind vault; there is none");
        }
    }

    /** The vault recipient (exactly one). */
    public EpochRecipient.Vault vault() {
        for (EpochRecipient r : recipients) {
            if (r instanceof EpochRecipient.Vault v) {
                return v;
            }
        }
        throw new IllegalStateException("validated: exactly one vault");
    }

    /** Whether a detection captured at {@code captureTime} is sealed to this epoch: {@code sealFrom ≤ t < sealUntil}. */
    public boolean covers(Timestamp captureTime) {
        return sealFrom.compareTo(captureTime) <= 0 && captureTime.compareTo(sealUntil) < 0;
    }

    @Override
    public EventType type() {
        return EventType.ERASURE_EPOCH_OPENED;
    }

    @Override
    public StreamId stream() {
        return StreamId.epoch(epoch);
    }

    @Override
    public JsonObject toJson() {
        JsonArray.Builder a = JsonArray.builder();
        for (EpochRecipient r : recipients) {
            a.add(r.toJson());
        }
        return JsonObject.builder()
                .put("epoch", epoch)
                .put("sealFrom", sealFrom.text())
                .put("sealUntil", sealUntil.text())
                .put("eraseBy", eraseBy.text())
                .put("recipients", a.build())
                .build();
    }
}
