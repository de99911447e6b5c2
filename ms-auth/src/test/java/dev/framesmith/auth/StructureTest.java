package dev.framesmith.auth;

import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;

/** ms-auth's feature packages and what each may use. */
class StructureTest extends Structure {

    StructureTest() {
        super("dev.framesmith.auth", Map.of(
                "account", Set.of("config", "outbox", "ratelimit", "user"),
                "clients", Set.of("ratelimit", "token", "user"),
                "config", Set.of(),
                "login", Set.of("config", "ratelimit", "token", "user"),
                "outbox", Set.of("config"),
                "ratelimit", Set.of("config"),
                "registration", Set.of("account", "ratelimit", "user"),
                "token", Set.of("user"),
                "user", Set.of("config")));
    }
}
