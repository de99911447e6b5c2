package dev.framesmith.decoder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The decoder's JVM starts in a fraction of a second and holds little: the decoder uses the JDK and libav* only (no
 * Spring, no logging framework), and what the worker's JVM uses of it needs no libav*.
 */
class StructureTest {

    private final JavaClasses decoder = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.framesmith.decoder");

    @Test
    void usesOnlyTheJdkAndLibav() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.bytedeco..", "dev.framesmith.decoder..")
                .check(decoder);
    }

    @Test
    void whatTheWorkerUsesNeedsNoLibav() {
        classes().that().belongToAnyOf(DecoderProtocol.class, FrameSize.class)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..")
                .check(decoder);
    }
}
