package dev.framesmith.video;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import dev.framesmith.testsupport.Structure;
import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.Video;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ms-video's feature packages and what each may use. Fairness is dispatch's alone (others only ask it to dispatch an
 * upload, or tell it by event that a video finished); the catalogue owns the video and its state machine.
 */
class StructureTest extends Structure {

    /**
     * Only the catalogue changes a video: no class elsewhere calls a setter of {@link Video}, or passes one on as a
     * method reference. {@code StructureRulesTest} shows the rule failing on fixtures.
     */
    static final ArchRule ONLY_THE_CATALOGUE_CHANGES_A_VIDEO = noClasses()
            .that().resideOutsideOfPackage("dev.framesmith.video.catalog")
            .should().accessTargetWhere(target(owner(type(Video.class))).and(target(nameMatching("set.*"))))
            .because("a video is built by Video.streamed/direct and changed by a Transition only");

    /**
     * Only the catalogue ends a video: no class elsewhere takes the transitions to DONE, FAILED or DELETED, which
     * {@code VideoOutcomes} and {@code VideoRemoval} follow with the event that frees the video's slot and tells its
     * owner; applied anywhere else, the slot would stay taken. {@code StructureRulesTest} shows it failing.
     */
    static final ArchRule ONLY_THE_CATALOGUE_ENDS_A_VIDEO = noClasses()
            .that().resideOutsideOfPackage("dev.framesmith.video.catalog")
            .should().accessTargetWhere(target(owner(type(Transition.class)))
                    .and(target(nameMatching("complete|fail|stall|delete"))))
            .because("a finished or removed video frees its slot by the event VideoOutcomes and VideoRemoval publish");

    StructureTest() {
        super("dev.framesmith.video", Map.ofEntries(
                Map.entry("catalog", Set.of("config", "storage", "web")),
                Map.entry("config", Set.of()),
                Map.entry("dispatch", Set.of("catalog", "config", "storage")),
                Map.entry("download", Set.of("catalog", "config", "storage", "web")),
                Map.entry("live", Set.of("catalog", "config", "quota", "web")),
                Map.entry("notify", Set.of("catalog")),
                Map.entry("page", Set.of("storage")),
                Map.entry("quota", Set.of("catalog", "config")),
                Map.entry("storage", Set.of()),
                Map.entry("upload", Set.of("catalog", "config", "dispatch", "quota", "storage", "web")),
                Map.entry("web", Set.of()),
                Map.entry("worker", Set.of("catalog", "storage"))));
    }

    @Test
    void onlyTheCatalogueChangesAVideo() {
        ONLY_THE_CATALOGUE_CHANGES_A_VIDEO.check(classes());
    }

    @Test
    void onlyTheCatalogueEndsAVideo() {
        ONLY_THE_CATALOGUE_ENDS_A_VIDEO.check(classes());
    }
}
