package org.oversight.domain.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of docs/design.md §2, stated once and checked by each module's
 * {@code ArchitectureTest} over that module's own classes.
 */
public final class ArchitectureRules {
    private ArchitectureRules() {}

    /** Frameworks and infrastructure that the pure modules must never see. */
    private static final String[] INFRASTRUCTURE = {
        "org.springframework..", "org.axonframework..", "io.kurrent..", "com.eventstore..",
        "io.grpc..", "jakarta.persistence..", "jakarta.servlet..", "io.zonky.."
    };

    /** The pure modules (domain, recognition, verifier) see no framework or storage client. */
    public static ArchRule noInfrastructure(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .because("the ledger's language, the recognition engine and the verifier must be"
                        + " reproducible by an independent party without the operator's service stack"
                        + " (docs/design.md §2)");
    }

    /** Pure modules never reach into the service or the ops tooling. */
    public static ArchRule noServiceOrOps(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("org.oversight.ledger..", "org.oversight.ops..")
                .because("an auditor must be able to build the verifier from domain and recognition"
                        + " alone; the service is what is being audited, not a trusted dependency");
    }

    /** The verifier shares only domain and recognition with the service. */
    public static ArchRule verifierIndependentOfLedger() {
        return noClasses().that().resideInAPackage("org.oversight.verifier..")
                .should().dependOnClassesThat().resideInAPackage("org.oversight.ledger..")
                .because("the verifier checks the ledger; depending on its code would let a bug or"
                        + " a backdoor in the service vouch for itself");
    }

    /**
     * Bouncy Castle is an implementation detail of the domain's crypto package and of the HPKE
     * wrapper the sealed records use.
     */
    public static ArchRule bouncyCastleOnlyInCrypto(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .and().resideOutsideOfPackage("org.oversight.domain.crypto..")
                .and().resideOutsideOfPackage("org.oversight.domain.seal.hpke.rfc9180..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .because("all signature code goes through one audited package, so that algorithm,"
                        + " domain separation and key validation cannot be bypassed elsewhere");
    }
}
