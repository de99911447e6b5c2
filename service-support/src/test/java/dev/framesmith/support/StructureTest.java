package dev.framesmith.support;

import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;

/** service-support's packages and what each may use. */
class StructureTest extends Structure {

    StructureTest() {
        super("dev.framesmith.support", Map.of(
                "apidocs", Set.of("security", "web"),
                "aws", Set.of("tracing"),
                "health", Set.of(),
                "json", Set.of(),
                "messaging", Set.of("tracing"),
                "processing", Set.of(),
                "security", Set.of("tracing", "web"),
                "tracing", Set.of(),
                "web", Set.of()));
    }
}
