package org.oversight.recognition.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oversight.domain.architecture.ArchitectureRules;

class RecognitionArchitectureTest {
    private static JavaClasses recognition;

    @BeforeAll
    static void importRecognition() {
        recognition = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.oversight.recognition");
    }

    @Test
    void recognitionSeesNoInfrastructure() {
        ArchitectureRules.noInfrastructure("org.oversight.recognition").check(recognition);
    }

    @Test
    void recognitionSeesNoServiceOrOps() {
        ArchitectureRules.noServiceOrOps("org.oversight.recognition").check(recognition);
    }

    @Test
    void recognitionUsesNoBouncyCastle() {
        ArchitectureRules.bouncyCastleOnlyInCrypto("org.oversight.recognition").check(recognition);
    }
}
