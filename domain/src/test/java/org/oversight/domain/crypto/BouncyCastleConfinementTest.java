package org.oversight.domain.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Bouncy Castle stays inside {@code org.oversight.domain.crypto.internal} (signatures) and
 * {@code org.oversight.domain.seal.hpke.rfc9180.internal} (HPKE, X25519, ChaCha20-Poly1305).
 */
class BouncyCastleConfinementTest {
    @Test
    void onlyCryptoInternalTouchesBouncyCastle() throws Exception {
        JavaClasses domain;
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        try {
            // Only our own classes matter; resolving all of Bouncy Castle from the jar takes seconds.
            config.setResolveMissingDependenciesFromClassPath(false);
            // Import the main classes directory only: scanning every jar on the classpath is slow.
            domain = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(Path.of(Ed25519PublicKey.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
        noClasses().that().resideOutsideOfPackages("org.oversight.domain.crypto.internal..",
                        "org.oversight.domain.seal.hpke.rfc9180.internal..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .because("Bouncy Castle is confined to crypto.internal and seal.hpke.rfc9180.internal"
                        + " (COMMON.md; docs/format.md §2, §12)")
                .check(domain);
    }
}
