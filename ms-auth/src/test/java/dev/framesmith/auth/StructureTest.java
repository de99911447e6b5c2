package dev.framesmith.auth;

import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;

/** ms-auth's feature packages and what each may use. */
class StructureTest extends Structure {

    StructureTest() {
        super("dev.framesmith.auth", Map.of(
                "clients", Set.of("token", "user"),
                "config", Set.of(),
                "login", Set.of("token", "user"),
                "registration", Set.of("user"),
                "token", Set.of("user"),
                "user", Set.of()));
    }
}
