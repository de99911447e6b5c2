package dev.framesmith.support;

import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** service-support's packages and what each may use. */
class StructureTest {

    static final Structure STRUCTURE = Structure.of("dev.framesmith.support");

    @Test
    void noPackageCycles() {
        STRUCTURE.hasNoPackageCycles();
    }

    @Test
    void eachPackageUsesOnlyWhatItDeclares() {
        STRUCTURE.featuresUseOnly(Map.of(
                "apidocs", Set.of("security", "web"),
                "aws", Set.of(),
                "messaging", Set.of(),
                "security", Set.of("web"),
                "web", Set.of()));
    }
}
