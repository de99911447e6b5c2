package dev.framesmith.worker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The worker's own {@link StructureTest} rule fails on what it forbids, shown on fixture packages: {@code libav}
 * calls libav, {@code decoder} runs the frame decoder in the worker's JVM; {@code protocol} uses only its frame size
 * rule, which the worker may.
 */
class StructureRulesTest {

    private static final String FIXTURE = "dev.framesmith.worker.structurefixture";

    private static JavaClasses fixture(String name) {
        return new ClassFileImporter().importPackages(FIXTURE + "." + name);
    }

    @Test
    void aCallOfLibavFails() {
        JavaClasses libav = fixture("libav");

        assertThatThrownBy(() -> StructureTest.NEVER_LOADS_LIBAV.check(libav)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("LibavVersion.version()").hasMessageContaining("avformat.avformat_version()");
    }

    @Test
    void usingTheDecoderBeyondItsProtocolFails() {
        JavaClasses decoder = fixture("decoder");

        assertThatThrownBy(() -> StructureTest.NEVER_LOADS_LIBAV.check(decoder)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("InProcessDecoder.decode(").hasMessageContaining("DecoderMain.main(");
    }

    @Test
    void theDecodersFrameSizeRuleIsAllowed() {
        JavaClasses protocol = fixture("protocol");

        assertThatCode(() -> StructureTest.NEVER_LOADS_LIBAV.check(protocol)).doesNotThrowAnyException();
    }
}
