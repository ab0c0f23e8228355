package org.oversight.verifier.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oversight.domain.architecture.ArchitectureRules;

class VerifierArchitectureTest {
    private static JavaClasses verifier;

    @BeforeAll
    static void importVerifier() {
        verifier = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.oversight.verifier");
    }

    @Test
    void verifierSeesNoInfrastructure() {
        ArchitectureRules.noInfrastructure("org.oversight.verifier").check(verifier);
    }

    @Test
    void verifierNeverDependsOnLedger() {
        ArchitectureRules.verifierIndependentOfLedger().check(verifier);
    }

    @Test
    void verifierSeesNoServiceOrOps() {
        ArchitectureRules.noServiceOrOps("org.oversight.verifier").check(verifier);
    }

    @Test
    void verifierUsesNoBouncyCastleDirectly() {
        ArchitectureRules.bouncyCastleOnlyInCrypto("org.oversight.verifier").check(verifier);
    }
}
