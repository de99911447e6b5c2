package dev.framesmith.notify;

import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ms-notify's feature packages and what each may use. A template is the templates package's (and its contract's). */
class StructureTest {

    static final Structure STRUCTURE = Structure.of("dev.framesmith.notify");

    @Test
    void noPackageCycles() {
        STRUCTURE.hasNoPackageCycles();
    }

    @Test
    void eachFeatureUsesOnlyWhatItDeclares() {
        STRUCTURE.featuresUseOnly(Map.of(
                "api", Set.of("delivery", "templates"),
                "config", Set.of("templates"),
                "delivery", Set.of("config", "templates"),
                "templates", Set.of()));
    }

    @Test
    void everyQueueListenerUsesTheOneMechanism() {
        STRUCTURE.listenersUseTheQueueListenerMechanism();
    }
}
