package org.oversight.ledger.storage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engines and the embedded PostgreSQL work without Spring Boot (tools and tests build them
 * directly); Spring Boot wiring lives only in {@code org.oversight.ledger.storage} itself and above.
 */
class StorageArchitectureTest {

    private static JavaClasses ledger;

    @BeforeAll
    static void importLedger() {
        ledger = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.oversight.ledger");
    }

    @Test
    void enginesDoNotDependOnSpringBoot() {
        noClasses().that().resideInAnyPackage("..storage.jdbc..", "..storage.kurrentdb..", "..storage.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot..")
                .check(ledger);
    }

    @Test
    void kurrentDbEngineDoesNotDependOnJdbc() {
        noClasses().that().resideInAPackage("..storage.kurrentdb..")
                .should().dependOnClassesThat().resideInAnyPackage("..storage.jdbc..", "..storage.postgres..",
                        "java.sql..", "javax.sql..")
                .check(ledger);
    }
}
