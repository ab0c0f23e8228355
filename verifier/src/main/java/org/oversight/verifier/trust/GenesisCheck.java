package org.oversight.verifier.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/**
 * Rule R-genesis (docs/rules.md): the log's trust anchors are exactly the authority keys the
 * auditor gave ({@code --authority-key}); without them, the report says that genesis was trusted
 * on first use. The one implementation, called by the audit and by the bundle check.
 *
 * <p>Let A be the keys of the self-signed {@code AuthorityDeclared} events seen in genesis
 * ({@link GenesisRecord}) and K the given keys. The check
 * <ul>
 *   <li>reports every anchor whose key is not in K, at its leaf; and
 *   <li>if genesis is seen closed (an accepted event of another type at leaf c, every leaf before
 *       c seen), reports every key of K not in A, at leaf c: then A = K exactly;
 *   <li>if genesis is not seen closed — a log holding nothing but declarations (audit), or a
 *       bundle that carries the log only up to its last carried anchor — the keys of K not in A are
 *       listed in the report as not (yet) seen, not as violations: such a log or bundle may still
 *       be an honest one, and every event it does carry is anchored in keys of K.
 * </ul>
 */
public final class GenesisCheck {
    /** What the verifier saw of the log, which decides the report's wording. */
    public enum Scope {
        /** A whole log export: genesis is seen closed unless the log holds only declarations. */
        AUDIT("trust anchors", "genesis trust", "the log"),
        /** An evidence bundle: only its carried prefix from leaf 0 without gaps is seen. */
        BUNDLE("Trust anchors", "Genesis trust", "the bundle's carried leaves");

        private final String anchorsFact;
        private final String trustFact;
        private final String seen;

        Scope(String anchorsFact, String trustFact, String seen) {
            this.anchorsFact = anchorsFact;
            this.trustFact = trustFact;
            this.seen = seen;
        }
    }

    private GenesisCheck() {}

    /**
     * Adds the trust-anchor facts to {@code report} and, if {@code expected} is present, the
     * R-genesis check, handing each violation to {@code findings} (so the caller can count or cap them).
     */
    public static void apply(GenesisRecord genesis, Optional<AuthorityKeys> expected, Scope scope,
            VerificationReport report, Consumer<Finding> findings) {
        Objects.requireNonNull(genesis, "genesis");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(scope, "scope");
        report.fact(scope.anchorsFact, anchorsText(genesis, scope));
        if (expected.isEmpty()) {
            report.fact(scope.trustFact, "trusted on first use: the genesis keys above were not compared with"
                    + " the authorities' published keys (give them with --authority-key to check)");
            return;
        }
        AuthorityKeys keys = expected.get();
        List<Finding> violations = new ArrayList<>();
        List<Ed25519PublicKey> declared = new ArrayList<>();
        for (GenesisRecord.Anchor a : genesis.anchors()) {
            declared.add(a.key());
            if (!keys.contains(a.key())) {
                violations.add(new Finding(Rule.GENESIS, a.leaf(), a.eventId(),
                        "genesis declares only the authority keys given (" + keys.size() + "): " + list(keys.keys()),
                        "self-signed AuthorityDeclared of " + a.principal() + " with key " + a.key().toText()
                                + ", not one of them"));
            }
        }
        List<Ed25519PublicKey> missing = new ArrayList<>();
        for (Ed25519PublicKey k : keys.keys()) {
            if (!declared.contains(k)) {
                missing.add(k);
            }
        }
        OptionalLong closed = genesis.closedAt();
        String method;
        if (closed.isPresent()) {
            long c = closed.getAsLong();
            method = "the keys of the self-signed AuthorityDeclared events in genesis (leaves 0 to " + (c - 1)
                    + "; the event at leaf " + c + " closed it) equal the " + keys.size()
                    + " --authority-key keys (format.md §5.4)";
            if (!missing.isEmpty()) {
                violations.add(new Finding(Rule.GENESIS, c, "", "genesis (leaves 0 to " + (c - 1)
                        + ") declares every authority key given: " + list(keys.keys()),
                        "genesis closed at leaf " + c + " having declared " + (declared.isEmpty() ? "no key"
                                : list(declared)) + "; never declared: " + list(missing)));
            }
            report.fact(scope.trustFact, "checked against the " + keys.size() + " authority keys given");
        } else {
            method = "the keys of the self-signed AuthorityDeclared events in " + scope.seen + " are among the "
                    + keys.size() + " --authority-key keys; " + scope.seen + " do not show genesis closed, so"
                    + " keys not declared there are not violations (format.md §5.4)";
            report.fact(scope.trustFact, "checked against the " + keys.size() + " authority keys given; "
                    + (missing.isEmpty() ? "every one is declared in " + scope.seen
                            : "not declared in " + scope.seen + " (" + (scope == Scope.AUDIT
                                    ? "genesis is still open at the end of the log" : "the bundle carries the log"
                                            + " only up to its last trust anchor") + "): " + list(missing)));
        }
        report.check(new Check(Rule.GENESIS, genesis.anchors().size() + " genesis declarations", method,
                violations.isEmpty()));
        violations.forEach(findings);
    }

    private static String anchorsText(GenesisRecord genesis, Scope scope) {
        if (genesis.anchors().isEmpty()) {
            return scope == Scope.AUDIT ? "none (no self-signed AuthorityDeclared accepted)" : "none carried";
        }
        StringJoiner lines = new StringJoiner("\n");
        genesis.anchors().forEach(a -> lines.add(a.describe()));
        return lines.toString();
    }

    private static String list(List<Ed25519PublicKey> keys) {
        StringJoiner out = new StringJoiner(", ");
        keys.forEach(k -> out.add(k.toText()));
        return out.toString();
    }
}
