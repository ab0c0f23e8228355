package org.oversight.ledger.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.keys.LedgerKeys;

/** Nothing but the engine package obtains the engine's event-signing key: nothing undecided is proposed. */
class EngineArchitectureTest {
    @Test
    void onlyTheEngineSignsWithTheEngineKey() {
        noClasses().that().resideOutsideOfPackages("org.oversight.ledger.engine..", "org.oversight.ledger.keys..")
                .should().callMethod(LedgerKeys.class, "engineEventKey")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.oversight.ledger"));
    }
}
