package org.oversight.verifier.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.oversight.domain.bundle.BundleLeaf;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.Detection;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;

/**
 * The part of a bundle report a judge reads first: what was matched, where and when, under which
 * warrant, the score in words, who reviewed it and what was done, and what the verification proves
 * and what it does not.
 *
 * <p>Built from the bundle's carried events as they are stated, independently of the checks: it
 * judges nothing. Whether those statements can be relied on is the verdict's business, and when the
 * verdict is not a pass the summary says so above everything it states. Events that do not parse
 * are skipped here (the checks report them). Only the fields of signed events are shown, never
 * anything the operator could add outside a signature, except the carried face crops: a version-1
 * bundle's crop is shown with whether its digest matched the signed one; a sealed bundle's crops
 * are shown only with what their checks established ({@link CropVerdict}), and a crop whose checks
 * failed, or did not run, is not shown at all — the reason is said in words instead, so an image
 * the operator substituted is never presented as the matched face.
 */
public final class CourtSummary {
    /** Width and height of an aligned crop in pixels (format.md §9.2). */
    private static final int CROP_SIDE = 150;
    /** The fact {@code GenesisCheck} records for a bundle: whether --authority-key was given and held. */
    private static final String GENESIS_TRUST_FACT = "Genesis trust";
    /** The fact the bundle verifier records for pixels → template → score (format.md §11.6). */
    public static final String PIXELS_FACT = "Pixels → template → score";

    private final EvidenceBundle bundle;
    private final boolean passed;
    /** The report's "Genesis trust" fact (GenesisCheck), if any. */
    private final Optional<String> genesisTrust;
    /** The report's "Pixels → template → score" fact (a version-2 bundle's re-derivation), if any. */
    private Optional<String> pixels = Optional.empty();
    /** What the checks established about the carried probe crop (sealed bundles), if they reached it. */
    private Optional<CropVerdict> probeVerdict = Optional.empty();
    /** What the checks established about the carried enrolment crop, if they reached it. */
    private Optional<CropVerdict> enrolmentVerdict = Optional.empty();
    private final Map<KeyId, String> principalByKey = new HashMap<>();
    private final Map<String, String> authorityNames = new HashMap<>();
    private Indexed<MatchProposed> proposal;
    private final List<Indexed<Detection>> detections = new ArrayList<>();
    private final List<Indexed<CameraRegistered>> cameras = new ArrayList<>();
    private final List<Indexed<RecognitionPolicySet>> policies = new ArrayList<>();
    private final List<Indexed<WatchlistEntryAuthorized>> entries = new ArrayList<>();
    private final List<Indexed<WatchlistEntryWithdrawn>> withdrawals = new ArrayList<>();
    private final List<Indexed<MatchReviewed>> reviews = new ArrayList<>();
    private final List<Indexed<MatchActioned>> actions = new ArrayList<>();

    /** A carried event's payload with its leaf, signer and the signer's clock. */
    private record Indexed<T>(long leaf, T payload, KeyId signer, String signedAt) {}

    private CourtSummary(EvidenceBundle bundle, boolean passed, Optional<String> genesisTrust) {
        this.bundle = bundle;
        this.passed = passed;
        this.genesisTrust = genesisTrust;
    }

    /**
     * Reads the summary's facts from the bundle's carried events.
     *
     * @param bundle the parsed bundle the report is about
     * @param report the finished verification report of that bundle (for the verdict only)
     */
    public static CourtSummary of(EvidenceBundle bundle, VerificationReport report) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(report, "report");
        CourtSummary s = new CourtSummary(bundle, report.passed(),
                Optional.ofNullable(report.facts().get(GENESIS_TRUST_FACT)));
        s.pixels = Optional.ofNullable(report.facts().get(PIXELS_FACT));
        s.probeVerdict = report.crop(CropVerdict.Face.PROBE);
        s.enrolmentVerdict = report.crop(CropVerdict.Face.ENROLMENT);
        for (BundleLeaf leaf : bundle.events()) {
            SignedEvent event;
            try {
                event = SignedEvent.parse(leaf.leafBytes());
            } catch (InvalidEventException e) {
                continue; // reported by the checks (rule "canonical")
            }
            s.add(leaf.leafIndex(), event);
        }
        return s;
    }

    private void add(long leaf, SignedEvent event) {
        KeyId signer = event.header().signer();
        String at = when(event.header().time());
        String match = bundle.match();
        Object payload = event.payload();
        if (payload instanceof AuthorityDeclared a) {
            principalByKey.putIfAbsent(a.publicKey().keyId(), a.principal());
            authorityNames.putIfAbsent(a.principal(), a.name());
        } else if (payload instanceof KeyEnrolled k) {
            principalByKey.putIfAbsent(k.publicKey().keyId(), k.principal());
        } else if (payload instanceof CameraRegistered c) {
            principalByKey.putIfAbsent(c.devicePublicKey().keyId(), "camera " + c.camera());
            cameras.add(new Indexed<>(leaf, c, signer, at));
        } else if (payload instanceof MatchProposed p && p.match().equals(match) && proposal == null) {
            proposal = new Indexed<>(leaf, p, signer, at);
        } else if (payload instanceof Detection d) {
            detections.add(new Indexed<>(leaf, d, signer, at));
        } else if (payload instanceof RecognitionPolicySet p) {
            policies.add(new Indexed<>(leaf, p, signer, at));
        } else if (payload instanceof WatchlistEntryAuthorized w) {
            entries.add(new Indexed<>(leaf, w, signer, at));
        } else if (payload instanceof WatchlistEntryWithdrawn w) {
            withdrawals.add(new Indexed<>(leaf, w, signer, at));
        } else if (payload instanceof MatchReviewed r && r.match().equals(match)) {
            reviews.add(new Indexed<>(leaf, r, signer, at));
        } else if (payload instanceof MatchActioned a && a.match().equals(match)) {
            actions.add(new Indexed<>(leaf, a, signer, at));
        }
    }

    /** The detection the proposal names, if carried; else the first carried detection. */
    private Optional<Indexed<Detection>> detection() {
        if (proposal != null) {
            long named = proposal.payload().detection().leafIndex();
            Optional<Indexed<Detection>> d = detections.stream().filter(x -> x.leaf() == named).findFirst();
            if (d.isPresent()) {
                return d;
            }
        }
        return detections.stream().findFirst();
    }

    private Optional<Indexed<CameraRegistered>> camera() {
        if (detection().isEmpty()) {
            return Optional.empty();
        }
        String id = detection().get().payload().camera();
        return cameras.stream().filter(c -> c.payload().camera().equals(id)).findFirst();
    }

    private Optional<Indexed<WatchlistEntryAuthorized>> entry() {
        String id = proposal != null ? proposal.payload().candidateEntry() : bundle.snapshot().entry();
        return entries.stream().filter(e -> e.payload().entry().equals(id)).findFirst();
    }

    /**
     * The last carried policy before the detection (format.md §11.2 item 4); without a carried
     * detection, none: a later policy would not be the one in force.
     */
    private Optional<Indexed<RecognitionPolicySet>> policy() {
        if (detection().isEmpty()) {
            return Optional.empty();
        }
        long before = detection().get().leaf();
        Indexed<RecognitionPolicySet> found = null;
        for (Indexed<RecognitionPolicySet> p : policies) {
            if (p.leaf() < before) {
                found = p;
            }
        }
        return Optional.ofNullable(found);
    }

    private String who(KeyId key) {
        String principal = principalByKey.get(key);
        if (principal == null) {
            return "an unknown key " + key;
        }
        String name = authorityNames.get(principal);
        return name != null ? principal + " (" + name + ")" : principal;
    }

    /**
     * "about 1 in N" for a rate in parts per million, N rounded to two significant digits; a rate
     * of 0 is said as such, never as "1 in infinity".
     */
    static String oneIn(long ppm) {
        if (ppm <= 0) {
            return "attested as 0 per million (no false match was observed in the measurement; that does"
                    + " not mean one cannot happen)";
        }
        double n = 1_000_000d / ppm;
        if (n < 1.05) {
            return "about 1 in 1 (every search)";
        }
        long rounded = new BigDecimal(n).round(new java.math.MathContext(2)).longValue();
        return String.format(Locale.ROOT, "about 1 in %,d", rounded);
    }

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm:ss.SSS 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    /** A signed time as a reader says it, e.g. "27 November 2026, 09:30:00.040 UTC". */
    static String when(Timestamp t) {
        return WHEN.format(Instant.ofEpochMilli(t.epochMillis()));
    }

    private static String degrees(long e7) {
        return BigDecimal.valueOf(e7, 7).toPlainString();
    }

    /** Appends the summary as HTML (escaped, XHTML-well-formed). */
    void appendHtml(StringBuilder out) {
        out.append("<section class=\"summary\">\n<h2>Summary for the court</h2>\n");
        if (!passed) {
            out.append("<p class=\"warn\"><strong>The checks found violations (listed under \"Technical"
                    + " checks\"). What follows is what the bundle's events state; it must not be relied on"
                    + " until the violations are explained.</strong></p>\n");
        }
        matched(out);
        whereAndWhen(out);
        warrant(out);
        score(out);
        reviewed(out);
        actioned(out);
        provesAndNot(out);
        out.append("</section>\n");
    }

    private void matched(StringBuilder out) {
        out.append("<h3>What was matched</h3>\n");
        Optional<Indexed<WatchlistEntryAuthorized>> entry = entry();
        out.append("<p>");
        if (proposal != null) {
            out.append("The recognition engine (").append(e(who(proposal.signer()))).append(") proposed match <code>")
                    .append(e(bundle.match())).append("</code>: the face detected by camera <code>")
                    .append(e(detection().map(d -> d.payload().camera()).orElse("(detection not carried)")))
                    .append("</code> against watchlist entry <code>").append(e(proposal.payload().candidateEntry()))
                    .append("</code>");
            entry.ifPresent(w -> out.append(" (subject reference <code>").append(e(w.payload().subject()))
                    .append("</code>, category ").append(e(w.payload().category())).append(")"));
            out.append(".");
        } else {
            out.append("The bundle carries no proposal for match <code>").append(e(bundle.match()))
                    .append("</code>.");
        }
        out.append("</p>\n<table class=\"faces\"><tr><th>Face seen by the camera</th>"
                + "<th>Watchlist entry's image</th></tr>\n<tr><td>");
        boolean sealed = bundle.records().isPresent();
        Optional<byte[]> crop = sealed ? Optional.of(bundle.records().get().probe().alignedCrop()) : bundle.alignedCrop();
        if (sealed) {
            face(out, crop.get(), probeVerdict, "aligned face crop of the detection",
                    "The aligned crop from the detection's sealed record, disclosed for this case");
        } else if (crop.isPresent() && cropPng(crop.get()).isPresent()) {
            out.append("<img alt=\"aligned face crop of the detection\" width=\"150\" height=\"150\""
                    + " src=\"data:image/png;base64,").append(cropPng(crop.get()).get()).append("\"/><br/>");
            boolean digestMatches = detection().map(d -> d.payload() instanceof FaceDetected f
                    && f.alignedCropDigest().equals(Sha256Digest.hash(crop.get()))).orElse(false);
            out.append(digestMatches ? "The aligned crop; its SHA-256 equals the digest the camera signed."
                    : "<strong>This crop's SHA-256 does not equal the digest the camera signed: it is"
                            + " not the image that was matched.</strong>");
        } else if (crop.isPresent()) {
            out.append("The bundle carries " + crop.get().length + " bytes as the crop, not a "
                    + CROP_SIDE + " x " + CROP_SIDE + " RGB crop (format.md §9.2); it is not shown.");
        } else {
            out.append("Not carried.");
        }
        out.append("</td><td>");
        Optional<byte[]> enrolment = bundle.records().flatMap(r -> r.enrolment()).map(en -> en.alignedCrop());
        if (enrolment.isPresent()) {
            face(out, enrolment.get(), enrolmentVerdict, "aligned face crop the watchlist entry was enrolled from",
                    "The aligned crop the entry's template was enrolled from, disclosed for this case");
        } else {
            out.append("The enrolment image of the watchlist entry is not carried in this bundle; the entry"
                    + " signs only its digest");
            entry.ifPresent(w -> out.append(" <code>").append(e(w.payload().sourceImageDigest().toString())).append("</code>"));
            out.append(", which the force can match against the image it holds.");
        }
        out.append("</td></tr></table>\n");
        if (crop.isEmpty()) {
            out.append("<p><strong>No face images are carried in this bundle</strong>: whether the two faces"
                    + " are the same person cannot be judged from it.</p>\n");
        }
    }

    /**
     * A sealed bundle's carried crop: shown, with what its checks established, only when they passed
     * or (no model) passed but for the re-derivation; otherwise not shown, with the reason.
     */
    private static void face(StringBuilder out, byte[] crop, Optional<CropVerdict> verdict, String alt,
            String caption) {
        if (verdict.isEmpty()) {
            out.append("<strong>Not shown:</strong> the checks that would tie this crop to the match did not run"
                    + " (see \"Technical checks\"); it must not be taken as the face that was matched.");
            return;
        }
        if (verdict.get().status() == CropVerdict.Status.FAILED) {
            out.append("<strong>Not shown: this crop failed verification</strong> — ").append(e(verdict.get().words()))
                    .append(". It must not be taken as the face that was matched.");
            return;
        }
        Optional<String> png = cropPng(crop);
        if (png.isEmpty()) {
            out.append("The bundle carries " + crop.length + " bytes as this crop, not a " + CROP_SIDE + " x "
                    + CROP_SIDE + " RGB crop (format.md §9.2); it is not shown.");
            return;
        }
        out.append("<img alt=\"").append(alt).append("\" width=\"150\" height=\"150\" src=\"data:image/png;base64,")
                .append(png.get()).append("\"/><br/>").append(e(caption)).append(": ").append(e(verdict.get().words()))
                .append(".");
    }

    private void whereAndWhen(StringBuilder out) {
        out.append("<h3>Where and when</h3>\n<table class=\"kv\">\n");
        Optional<Indexed<CameraRegistered>> camera = camera();
        if (camera.isPresent()) {
            CameraRegistered c = camera.get().payload();
            row(out, "Camera", c.camera() + ", registered by " + who(camera.get().signer()));
            row(out, "Location", c.location().description() + " (latitude " + degrees(c.location().latitudeE7())
                    + ", longitude " + degrees(c.location().longitudeE7()) + ")");
            row(out, "Purpose", c.purpose());
            row(out, "Legal basis", c.legalBasis());
        } else {
            row(out, "Camera", "its registration is not carried in this bundle");
        }
        detection().ifPresent(d -> row(out, "Capture time", when(d.payload().captureTime())
                + " (by the camera's own clock, which nothing here checks)"));
        out.append("</table>\n");
    }

    private void warrant(StringBuilder out) {
        out.append("<h3>Under which authorisation</h3>\n<table class=\"kv\">\n");
        Optional<Indexed<WatchlistEntryAuthorized>> entry = entry();
        if (entry.isPresent()) {
            WatchlistEntryAuthorized w = entry.get().payload();
            row(out, "Authorisation reference", w.authorisationRef());
            row(out, "Authorised by", w.authorisedBy() + " (signed by " + who(entry.get().signer()) + ")");
            row(out, "Valid from", when(w.validFrom()));
            row(out, "Valid until", when(w.validUntil()) + " (the entry no longer applies from this time on)");
            detection().ifPresent(d -> row(out, "Capture within validity",
                    w.validAt(d.payload().captureTime()) ? "yes" : "NO: the capture time is outside it"));
            for (Indexed<WatchlistEntryWithdrawn> x : withdrawals) {
                if (x.payload().entry().equals(w.entry())) {
                    row(out, "Withdrawn", "at leaf " + x.leaf() + " by " + who(x.signer()) + ": " + x.payload().reason());
                }
            }
        } else {
            row(out, "Authorisation", "the watchlist entry's authorisation is not carried in this bundle");
        }
        out.append("</table>\n");
    }

    private void score(StringBuilder out) {
        out.append("<h3>The score in words</h3>\n");
        if (proposal == null) {
            out.append("<p>No proposal is carried, so there is no score.</p>\n");
            return;
        }
        MatchProposed p = proposal.payload();
        out.append("<p>The score measures how different the two faces' templates are: <strong>lower means more"
                + " alike</strong>, 0 would be identical templates. The engine proposes a match only when the"
                + " score is at most the threshold set by the authority's policy.</p>\n<table class=\"kv\">\n");
        row(out, "Score", Long.toString(p.score()));
        pixels.ifPresent(text -> row(out, "Pixels → template → score", text));
        row(out, "Threshold", p.threshold() + (p.score() <= p.threshold()
                ? " (the score is within it)" : " (the score is NOT within it)"));
        Optional<Indexed<RecognitionPolicySet>> policy = policy();
        if (policy.isPresent()) {
            RecognitionPolicySet set = policy.get().payload();
            row(out, "Policy", "set at leaf " + policy.get().leaf() + " by " + who(policy.get().signer())
                    + "; requires " + set.reviewersRequired() + " confirming reviewers");
            row(out, "Attested false-match rate", set.accuracy().fpirPpm() + " per million searches at a watchlist"
                    + " of " + String.format(Locale.ROOT, "%,d", set.accuracy().watchlistSize()) + " entries: "
                    + oneIn(set.accuracy().fpirPpm()) + " searches for a person who is not on the watchlist"
                    + " wrongly proposes someone");
            row(out, "Watchlist searched", String.format(Locale.ROOT, "%,d", p.watchlistSnapshot().size())
                    + " entries" + (p.watchlistSnapshot().size() <= set.accuracy().watchlistSize()
                            ? " (covered by the attestation)" : " (LARGER than the attestation covers)"));
        } else {
            row(out, "Policy", "the policy in force at the detection is not carried in this bundle: no attested"
                    + " false-match rate can be stated");
        }
        out.append("</table>\n<p>A false-match rate is the engine's, measured by the authority's attested test;"
                + " it says how often an innocent passer-by is proposed, not how likely this particular proposal"
                + " is right. That is what the human review is for.</p>\n");
    }

    private void reviewed(StringBuilder out) {
        out.append("<h3>Who reviewed it</h3>\n");
        if (reviews.isEmpty()) {
            out.append("<p>No review is carried in this bundle.</p>\n");
            return;
        }
        long firstAction = actions.isEmpty() ? Long.MAX_VALUE : actions.get(0).leaf();
        out.append("<table><colgroup><col style=\"width:20%\"/><col style=\"width:15%\"/><col style=\"width:35%\"/>"
                + "<col style=\"width:22%\"/><col style=\"width:8%\"/></colgroup><tr><th>Reviewer</th><th>Verdict</th>"
                + "<th>Rationale</th><th>Signed at (their clock)</th><th>Leaf</th></tr>\n");
        for (Indexed<MatchReviewed> r : reviews) {
            out.append("<tr><td>").append(e(who(r.signer()))).append("</td><td>")
                    .append(e(r.payload().verdict().wireName()))
                    .append(r.leaf() > firstAction ? "<br/>(after the action)" : "").append("</td><td>")
                    .append(e(r.payload().rationale())).append("</td><td>").append(e(r.signedAt()))
                    .append("</td><td>").append(r.leaf()).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void actioned(StringBuilder out) {
        out.append("<h3>What action was taken</h3>\n");
        if (actions.isEmpty()) {
            out.append("<p>No action is carried in this bundle.</p>\n");
            return;
        }
        out.append("<table><colgroup><col style=\"width:20%\"/><col style=\"width:25%\"/><col style=\"width:25%\"/>"
                + "<col style=\"width:22%\"/><col style=\"width:8%\"/></colgroup><tr><th>Action</th><th>Reference</th>"
                + "<th>By</th><th>Signed at (their clock)</th><th>Leaf</th></tr>\n");
        for (Indexed<MatchActioned> a : actions) {
            out.append("<tr><td>").append(e(a.payload().action())).append("</td><td>")
                    .append(e(a.payload().reference())).append("</td><td>").append(e(who(a.signer())))
                    .append("</td><td>").append(e(a.signedAt())).append("</td><td>").append(a.leaf())
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void provesAndNot(StringBuilder out) {
        String origin = bundle.checkpoint().checkpoint().origin();
        long size = bundle.checkpoint().checkpoint().size();
        out.append("<h3>What this proves and what it does not</h3>\n<div class=\"cols\"><div><h4>")
                .append(passed ? "It proves" : "It would prove, had every check held")
                .append("</h4>\n<ul>\n<li>Every event above is in the log <code>").append(e(origin))
                .append("</code> as the log key signed it at size ").append(size)
                .append(": none can be removed or altered later without the log key's holder signing two"
                        + " different histories.</li>\n"
                        + "<li>Each event was signed by the key named, a key enrolled for that person or camera"
                        + " earlier in the log and not revoked by then.</li>\n"
                        + "<li>The score is recomputed exactly from the two signed templates, and the entry was"
                        + " in the watchlist the engine says it searched.</li>\n"
                        + "<li>The rules checked held for the events carried: enough distinct reviewers confirmed"
                        + " before the action (R1), the match names its detection and model (R2), the entry was"
                        + " authorised and valid at the capture time (R3), the threshold is the policy's and the"
                        + " score within it (R6), the attested accuracy covers the watchlist size the match"
                        + " states (R7; that this size is the true number of entries only a full audit checks), the"
                        + " detection is signed by a registered camera (R9).</li>\n");
        boolean anchorsChecked = genesisTrust.map(t -> t.startsWith("checked against")).orElse(false);
        if (anchorsChecked) {
            out.append("<li>Every signature traces back to the authority keys the verifier was given"
                    + " (<code>--authority-key</code>, rule R-genesis): ").append(e(genesisTrust.get())).append(".</li>\n");
        }
        out.append("</ul></div>\n<div><h4>It does not prove</h4>\n<ul>\n");
        if (!anchorsChecked) {
            out.append("<li><strong>That the keys are the authorities' own:</strong> the verifier was not given the"
                    + " authorities' published keys (<code>--authority-key</code>), so the log's first keys were"
                    + " trusted on first use, and a history fabricated by whoever holds the log key would pass every"
                    + " check above.</li>\n");
        }
        out.append("<li>That the person detected is the person on the watchlist. The score is a measure of"
                        + " likeness, and the reviewers' verdicts are their opinions.</li>\n"
                        + "<li>That the camera's clock, or any signer's clock, was right: times are as each signer"
                        + " stated them.</li>\n"
                        + "<li>That the warrant itself exists or is valid: only its reference, as the officer"
                        + " signed it.</li>\n"
                        + "<li>That the log holds no other event that changes the picture (a later review, a"
                        + " withdrawal, a revocation): a bundle proves what it carries; an audit of the whole"
                        + " log (<code>verifier audit</code>) settles that.</li>\n"
                        + "<li>That the log key was not used to show someone else a different history: the"
                        + " bundle shows one checkpoint. Independent witnesses' co-signatures, where the log has"
                        + " them, or comparing this checkpoint with one an auditor holds, rule that out.</li>\n"
                        + "<li>That no private key (an authority's, officer's, reviewer's, engine's or camera's)"
                        + " was stolen or used by someone other than its holder.</li>\n"
                        + "</ul></div></div>\n");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(e(name)).append("</th><td>").append(e(value)).append("</td></tr>\n");
    }

    private static String e(String text) {
        return HtmlReportWriter.escape(text);
    }

    /** The crop as base64 PNG, if it has the canonical size (150 x 150 x RGB); encoded with the JDK only. */
    static Optional<String> cropPng(byte[] rgb) {
        if (rgb.length != CROP_SIDE * CROP_SIDE * 3) {
            return Optional.empty();
        }
        BufferedImage image = new BufferedImage(CROP_SIDE, CROP_SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < CROP_SIDE; y++) {
            for (int x = 0; x < CROP_SIDE; x++) {
                int i = 3 * (y * CROP_SIDE + x);
                image.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding in memory failed", e);
        }
        return Optional.of(Base64.getEncoder().encodeToString(png.toByteArray()));
    }
}
