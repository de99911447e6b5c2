package dev.framesmith.auth;

import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ms-auth's feature packages and what each may use. */
class StructureTest {

    static final Structure STRUCTURE = Structure.of("dev.framesmith.auth");

    @Test
    void noPackageCycles() {
        STRUCTURE.hasNoPackageCycles();
    }

    @Test
    void eachFeatureUsesOnlyWhatItDeclares() {
        STRUCTURE.featuresUseOnly(Map.of(
                "clients", Set.of("token", "user"),
                "config", Set.of(),
                "login", Set.of("token", "user"),
                "registration", Set.of("user"),
                "token", Set.of("user"),
                "user", Set.of()));
    }
}
