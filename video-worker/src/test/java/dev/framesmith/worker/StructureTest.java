package dev.framesmith.worker;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import dev.framesmith.decoder.DecoderProtocol;
import dev.framesmith.decoder.FrameSize;
import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * video-worker's feature packages and what each may use: FFmpeg at the bottom, the queue at the top. The frame decoder
 * runs in its own JVM: the worker's uses only its protocol and frame size rule (plain Java, checked in frame-decoder)
 * and never loads libav*.
 */
class StructureTest extends Structure {

    /**
     * No class depends on libav* or on the decoder beyond its protocol and frame size rule; {@code StructureRulesTest}
     * shows the rule failing on fixtures.
     */
    static final ArchRule NEVER_LOADS_LIBAV = noClasses()
            .should().dependOnClassesThat(resideInAPackage("org.bytedeco..")
                    .or(resideInAPackage("dev.framesmith.decoder")
                            .and(not(belongToAnyOf(DecoderProtocol.class, FrameSize.class)))))
            .because("the frame decoder decodes in its own JVM, under the job's memory limit");

    StructureTest() {
        super("dev.framesmith.worker", Map.of(
                "config", Set.of("extraction", "ffmpeg"),
                "decoder", Set.of("ffmpeg"),
                "extraction", Set.of("decoder", "ffmpeg", "probe", "zip"),
                "ffmpeg", Set.of(),
                "job", Set.of("config", "decoder", "extraction", "ffmpeg", "preview"),
                "messaging", Set.of("config", "ffmpeg", "job"),
                "preview", Set.of(),
                "probe", Set.of("ffmpeg"),
                "zip", Set.of()));
    }

    @Test
    void theWorkersJvmNeverLoadsLibav() {
        NEVER_LOADS_LIBAV.check(classes());
    }
}
