package org.oversight.verifier.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.domain.event.EventFixtures.AUTHORITY_SEED;
import static org.oversight.domain.event.EventFixtures.SECOND_AUTHORITY_SEED;
import static org.oversight.domain.event.EventFixtures.key;
import static org.oversight.domain.event.EventFixtures.signed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.EventFixtures;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/** The R-genesis semantics of {@link GenesisCheck} on hand-made genesis records. */
class GenesisCheckTest {
    private static final int THIRD_AUTHORITY_SEED = 77;

    private static AuthorityDeclared declared(String principal, int seed) {
        return new AuthorityDeclared(principal, "Board " + principal, key(seed).publicKey());
    }

    /** Self-signed declarations of {@code seeds} at leaves 0, 1, …; then, if {@code closed}, an enrolment. */
    private static GenesisRecord genesis(boolean closed, int... seeds) {
        GenesisRecord g = new GenesisRecord();
        int leaf = 0;
        for (int seed : seeds) {
            g.observe(signed(declared("authority-" + seed, seed), seed), leaf++);
        }
        if (closed) {
            g.observe(signed(EventFixtures.keyEnrolled(), seeds[0]), leaf);
        }
        return g;
    }

    private static AuthorityKeys keys(int... seeds) {
        List<org.oversight.domain.crypto.Ed25519PublicKey> keys = new ArrayList<>();
        for (int seed : seeds) {
            keys.add(key(seed).publicKey());
        }
        return AuthorityKeys.of(keys);
    }

    private record Outcome(VerificationReport report, List<Finding> findings) {
        Check check() {
            return report.checks().stream().filter(c -> c.rule() == Rule.GENESIS).findFirst().orElseThrow();
        }
    }

    private static Outcome check(GenesisRecord genesis, Optional<AuthorityKeys> keys, GenesisCheck.Scope scope) {
        VerificationReport report = new VerificationReport("t");
        List<Finding> findings = new ArrayList<>();
        GenesisCheck.apply(genesis, keys, scope, report, findings::add);
        return new Outcome(report, findings);
    }

    @Test
    void exactlyTheGivenKeysPass() {
        Outcome o = check(genesis(true, AUTHORITY_SEED, SECOND_AUTHORITY_SEED),
                Optional.of(keys(SECOND_AUTHORITY_SEED, AUTHORITY_SEED)), GenesisCheck.Scope.AUDIT);
        assertThat(o.findings()).isEmpty();
        assertThat(o.check().passed()).isTrue();
        assertThat(o.check().method()).contains("leaves 0 to 1; the event at leaf 2 closed it");
    }

    @Test
    void anExtraAnchorIsReportedAtItsLeafEvenWhileGenesisIsOpen() {
        for (boolean closed : new boolean[] {true, false}) {
            Outcome o = check(genesis(closed, AUTHORITY_SEED, THIRD_AUTHORITY_SEED), Optional.of(keys(AUTHORITY_SEED)),
                    GenesisCheck.Scope.BUNDLE);
            assertThat(o.findings()).hasSize(1);
            Finding f = o.findings().get(0);
            assertThat(f.rule()).isEqualTo(Rule.GENESIS);
            assertThat(f.leafIndex()).isEqualTo(1);
            assertThat(f.found()).contains("authority-" + THIRD_AUTHORITY_SEED)
                    .contains(key(THIRD_AUTHORITY_SEED).publicKey().toText());
            assertThat(o.check().passed()).isFalse();
        }
    }

    @Test
    void aMissingKeyIsAViolationOnlyWhenGenesisIsSeenClosed() {
        Outcome closed = check(genesis(true, AUTHORITY_SEED), Optional.of(keys(AUTHORITY_SEED, SECOND_AUTHORITY_SEED)),
                GenesisCheck.Scope.AUDIT);
        assertThat(closed.findings()).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(1);
            assertThat(f.found()).endsWith("never declared: " + key(SECOND_AUTHORITY_SEED).publicKey().toText());
        });

        Outcome open = check(genesis(false, AUTHORITY_SEED), Optional.of(keys(AUTHORITY_SEED, SECOND_AUTHORITY_SEED)),
                GenesisCheck.Scope.BUNDLE);
        assertThat(open.findings()).isEmpty();
        assertThat(open.check().passed()).isTrue();
        assertThat(open.report().facts().get("Genesis trust"))
                .contains("the bundle carries the log only up to its last trust anchor")
                .contains(key(SECOND_AUTHORITY_SEED).publicKey().toText());
    }

    @Test
    void aDeclarationSignedByAnotherAuthorityIsNotAnAnchorAndDoesNotCloseGenesis() {
        GenesisRecord g = new GenesisRecord();
        g.observe(signed(declared("authority-1", AUTHORITY_SEED), AUTHORITY_SEED), 0);
        g.observe(signed(declared("authority-2", SECOND_AUTHORITY_SEED), AUTHORITY_SEED), 1);
        g.observe(signed(declared("authority-3", THIRD_AUTHORITY_SEED), THIRD_AUTHORITY_SEED), 2);
        assertThat(g.anchors()).extracting(GenesisRecord.Anchor::principal).containsExactly("authority-1",
                "authority-3");
        assertThat(g.closedAt()).isEmpty();
        g.observe(signed(EventFixtures.keyEnrolled(), AUTHORITY_SEED), 5);
        g.observe(signed(declared("authority-4", 78), 78), 6);
        assertThat(g.closedAt()).hasValue(5);
        assertThat(g.anchors()).hasSize(2);
    }

    @Test
    void withoutKeysTheReportSaysGenesisWasTrustedOnFirstUse() {
        Outcome o = check(genesis(true, AUTHORITY_SEED), Optional.empty(), GenesisCheck.Scope.AUDIT);
        assertThat(o.report().checks()).isEmpty();
        assertThat(o.findings()).isEmpty();
        assertThat(o.report().facts().get("genesis trust")).startsWith("trusted on first use");
        assertThat(o.report().facts().get("trust anchors")).contains(key(AUTHORITY_SEED).publicKey().toText());
    }

    @Test
    void keysMustBeGivenAndDistinct() {
        assertThatThrownBy(() -> AuthorityKeys.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys(AUTHORITY_SEED, AUTHORITY_SEED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key(AUTHORITY_SEED).publicKey().toText());
    }
}
