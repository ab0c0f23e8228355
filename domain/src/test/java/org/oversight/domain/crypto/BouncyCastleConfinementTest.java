package org.oversight.domain.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Bouncy Castle stays inside {@code org.oversight.domain.crypto.internal}. */
class BouncyCastleConfinementTest {
    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.oversight.domain");

    @Test
    void onlyCryptoInternalTouchesBouncyCastle() {
        noClasses().that().resideOutsideOfPackage("org.oversight.domain.crypto.internal..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .because("Bouncy Castle is confined to crypto.internal (COMMON.md; docs/format.md §2)")
                .check(DOMAIN);
    }
}
