package org.oversight.domain.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DomainArchitectureTest {
    private static JavaClasses domain;

    @BeforeAll
    static void importDomain() {
        domain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.oversight.domain");
    }

    @Test
    void domainSeesNoInfrastructure() {
        ArchitectureRules.noInfrastructure("org.oversight.domain").check(domain);
    }

    @Test
    void domainSeesNoServiceOrOps() {
        ArchitectureRules.noServiceOrOps("org.oversight.domain").check(domain);
    }

    @Test
    void bouncyCastleOnlyInCrypto() {
        ArchitectureRules.bouncyCastleOnlyInCrypto("org.oversight.domain").check(domain);
    }
}
