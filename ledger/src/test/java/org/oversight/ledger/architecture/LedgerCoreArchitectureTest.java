package org.oversight.ledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oversight.domain.architecture.ArchitectureRules;

/**
 * Layering of the ledger core: the sequencer knows nothing of HTTP, Axon or ingest; the aggregates
 * nothing of HTTP serving, the sequencer or storage; signatures only through the domain.
 */
class LedgerCoreArchitectureTest {
    private static JavaClasses ledger;

    @BeforeAll
    static void importLedger() {
        ledger = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.oversight.ledger");
    }

    @Test
    void sequencerIsBelowIngestAggregatesAndHttp() {
        noClasses().that().resideInAPackage("org.oversight.ledger.sequencer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.oversight.ledger.ingest..",
                        "org.oversight.ledger.aggregate..", "org.oversight.ledger.log..",
                        "org.oversight.ledger.security..", "org.axonframework..", "org.springframework.web..",
                        "jakarta.servlet..")
                .check(ledger);
    }

    @Test
    void aggregatesDoNotSeeHttpServingSequencerOrStorage() {
        noClasses().that().resideInAPackage("org.oversight.ledger.aggregate..")
                .should().dependOnClassesThat().resideInAnyPackage("org.oversight.ledger.ingest..",
                        "org.oversight.ledger.log..", "org.oversight.ledger.security..",
                        "org.oversight.ledger.sequencer..", "org.oversight.ledger.storage..",
                        "org.springframework.web..", "jakarta.servlet..", "java.sql..", "javax.sql..")
                .check(ledger);
    }

    /**
     * Rejections are not HTTP: aggregates, the sequencer and storage say why something is refused
     * in their own terms; only the web layer picks statuses and problem types.
     */
    @Test
    void aggregatesSequencerAndStorageDoNotSeeTheTransport() {
        noClasses().that().resideInAnyPackage("org.oversight.ledger.aggregate..", "org.oversight.ledger.sequencer..",
                        "org.oversight.ledger.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..",
                        "org.oversight.ledger.web..")
                .check(ledger);
    }

    @Test
    void noBouncyCastleInTheLedger() {
        ArchitectureRules.bouncyCastleOnlyInCrypto("org.oversight.ledger").check(ledger);
    }
}
