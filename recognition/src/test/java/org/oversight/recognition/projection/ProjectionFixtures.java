package org.oversight.recognition.projection;

import static org.oversight.domain.event.EventFixtures.digestOf;
import static org.oversight.domain.event.EventFixtures.key;
import static org.oversight.domain.event.EventFixtures.landmarks;
import static org.oversight.domain.event.EventFixtures.time;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SeqPlacement;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.recognition.match.MatchScore;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateFormatException;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.tfjs.ModelId;

/** Deterministic events for projection tests: real version-1 templates, keys from fixed seeds. */
final class ProjectionFixtures {
    static final String MODEL = "face-api/face_recognition_model@1.7.15";
    static final ModelId MODEL_ID = modelId(0x31);
    static final String FROM = "2026-11-01T00:00:00.000Z";
    static final String UNTIL = "2026-12-01T00:00:00.000Z";
    static final String DURING = "2026-11-27T09:30:00.040Z";

    private ProjectionFixtures() {}

    static ModelId modelId(int b) {
        byte[] id = new byte[ModelId.LENGTH];
        Arrays.fill(id, (byte) b);
        return ModelId.of(id);
    }

    /** A template with every component {@code base}, except component 0 which is {@code base + delta}. */
    static FaceTemplate flat(int base, int delta) {
        byte[] c = new byte[FaceTemplate.DIMENSIONS];
        Arrays.fill(c, (byte) base);
        c[0] = (byte) (base + delta);
        try {
            return FaceTemplate.of(MODEL_ID, c);
        } catch (TemplateFormatException e) {
            throw new AssertionError(e);
        }
    }

    /** A quantised synthetic descriptor {@code v_i = ((mul i) mod m − sub) / 512}. */
    static FaceTemplate quantised(int mul, int m, int sub) {
        float[] v = new float[FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * mul) % m - sub) / 512f;
        }
        return TemplateQuantiser.quantise(FaceDescriptor.of(v), MODEL_ID);
    }

    static Template wire(FaceTemplate t) {
        return Template.of(t.encode(), 1, MODEL);
    }

    static RecognitionPolicySet policyPayload(long threshold) {
        return new RecognitionPolicySet(MODEL, 1, threshold, Math.max(threshold, MatchScore.MAX), 2, 0,
                new AccuracyAttestation(digestOf("accuracy attestation"), 1000, 10_000));
    }

    static SignedEvent policy(long threshold) {
        return signed(policyPayload(threshold), EventFixtures.AUTHORITY_SEED, "ev-policy-" + threshold);
    }

    static WatchlistEntryAuthorized entryPayload(String id, String from, String until, FaceTemplate... templates) {
        List<Template> wire = new ArrayList<>();
        for (FaceTemplate t : templates) {
            wire.add(wire(t));
        }
        return new WatchlistEntryAuthorized(id, "subj-" + id, "wanted", "warrant " + id, "officer-7", time(from),
                time(until), wire, digestOf("source image " + id));
    }

    static SignedEvent entry(String id, String from, String until, FaceTemplate... templates) {
        return signed(entryPayload(id, from, until, templates), EventFixtures.OFFICER_SEED, "ev-" + id);
    }

    static SignedEvent entry(String id, FaceTemplate... templates) {
        return entry(id, FROM, UNTIL, templates);
    }

    static SignedEvent withdrawal(String id) {
        return signed(new WatchlistEntryWithdrawn(id, "subject located"), EventFixtures.OFFICER_SEED,
                "ev-withdraw-" + id);
    }

    static SignedEvent detection(String name, String captureTime, Template template) {
        return signed(new FaceDetected("cam-0042", time(captureTime), digestOf("frame " + name),
                new FaceBox(96, 180, 120, 140), landmarks(), digestOf("crop " + name), template, 870),
                EventFixtures.CAMERA_SEED, "ev-det-" + name);
    }

    static SignedEvent detection(String name, FaceTemplate template) {
        return detection(name, DURING, wire(template));
    }

    static SignedEvent proposal(org.oversight.domain.event.MatchProposed payload) {
        return signed(payload, EventFixtures.ENGINE_SEED, "ev-" + payload.match());
    }

    /** {@code payload} at a seq its type allows (1 with a dummy prev for "later" types). */
    static SignedEvent signed(EventPayload payload, int seed, String eventId) {
        long seq = payload.type().placement() == SeqPlacement.LATER ? 1 : 0;
        Optional<EventHash> prev = seq == 0 ? Optional.empty() : Optional.of(EventHash.ofLeafBytes(new byte[] {1}));
        return EventSigner.sign(eventId, seq, prev, time("2026-11-27T09:30:01.000Z"), payload, key(seed));
    }

    /** The events at leaf indices 0, 1, 2, … */
    static List<LoggedEvent> log(SignedEvent... events) {
        List<LoggedEvent> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            out.add(new LoggedEvent(i, events[i]));
        }
        return out;
    }

    /** Runs the projection over {@code log} and returns every decision, in order. */
    static List<org.oversight.domain.event.MatchProposed> decisions(List<LoggedEvent> log)
            throws ProjectionInputException {
        ProjectionState state = ProjectionState.initial();
        List<org.oversight.domain.event.MatchProposed> out = new ArrayList<>();
        for (LoggedEvent e : log) {
            Step step = RecognitionProjection.apply(state, e.leafIndex(), e.event());
            state = step.state();
            out.addAll(step.decisions());
        }
        return out;
    }
}
