package dev.framesmith.video;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * ms-video's own {@link StructureTest} rules fail on what they forbid, shown on fixture packages outside the
 * catalogue: {@code call} calls a setter of a video, {@code reference} passes one on as a method reference,
 * {@code ending} completes a video itself.
 */
class StructureRulesTest {

    private static final String FIXTURE = "dev.framesmith.video.structurefixture";

    private static JavaClasses fixture(String name) {
        return new ClassFileImporter().importPackages(FIXTURE + "." + name);
    }

    @Test
    void aVideoSetterCalledOutsideTheCatalogueFails() {
        JavaClasses call = fixture("call");

        assertThatThrownBy(() -> StructureTest.ONLY_THE_CATALOGUE_CHANGES_A_VIDEO.check(call))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Resetter.reset(").hasMessageContaining("Video.setStatus(");
    }

    @Test
    void aMethodReferenceToAVideoSetterOutsideTheCatalogueFails() {
        JavaClasses reference = fixture("reference");

        assertThatThrownBy(() -> StructureTest.ONLY_THE_CATALOGUE_CHANGES_A_VIDEO.check(reference))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expirer.expire(").hasMessageContaining("Video.setStatus(");
    }

    @Test
    void aVideoEndedOutsideTheCatalogueFails() {
        JavaClasses ending = fixture("ending");

        assertThatThrownBy(() -> StructureTest.ONLY_THE_CATALOGUE_ENDS_A_VIDEO.check(ending))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Finisher.finish(").hasMessageContaining("Transition.complete(");
    }
}
