package org.oversight.ops.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client jar is what integrators put on their class path: it must drag nothing else in. */
class ClientArchitectureTest {
    private static JavaClasses client;

    @BeforeAll
    static void importClient() {
        client = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.oversight.ops.client");
    }

    @Test
    void clientSeesOnlyDomainAndJdk() {
        ArchRule rule = classes().that().resideInAPackage("org.oversight.ops.client..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.oversight.ops.client..", "org.oversight.domain..", "java..")
                .because("oversight-client is the integrator's jar: it may use only the domain (the format's one"
                        + " implementation) and the JDK (java.net.http), never Spring, Axon, JMH, the ledger,"
                        + " recognition or the rest of ops, so that depending on it pulls in nothing else");
        rule.check(client);
    }

    @Test
    void ruleSeesTheClient() {
        // The rule above would hold vacuously if the import found no classes.
        org.assertj.core.api.Assertions.assertThat(client.contain("org.oversight.ops.client.LedgerClient")).isTrue();
    }
}
