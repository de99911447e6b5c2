package dev.framesmith.notify;

import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;

/** ms-notify's feature packages and what each may use. A template is the templates package's (and its contract's). */
class StructureTest extends Structure {

    StructureTest() {
        super("dev.framesmith.notify", Map.of(
                "api", Set.of("delivery"),
                "config", Set.of("templates"),
                "delivery", Set.of("config", "suppression", "templates"),
                "suppression", Set.of(),
                "templates", Set.of()));
    }
}
