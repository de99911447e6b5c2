package dev.framesmith.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthApplication;
import dev.framesmith.otherservice.OtherService;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.RsaKeys;
import dev.framesmith.testsupport.TestBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The documented rotation, end to end: ms-auth restarted with each step's configuration on the same address, and
 * another service that keeps running and trusts ms-auth through its JWK set. Every token stays valid until the
 * key that signed it is retired.
 */
class KeyRotationTest {

    private static final String PASSWORD = "correct horse battery";

    private final KeyPair oldKey = RsaKeys.generate();
    private final KeyPair newKey = RsaKeys.generate();

    @Test
    void addNextThenPromoteThenRetireKeepsEveryValidTokenWorking() throws IOException {
        int port = freePort();
        String email = "rotation-" + UUID.randomUUID() + "@example.com";
        try (ConfigurableApplicationContext other = OtherService.start(
                "http://localhost:" + port + "/auth/.well-known/jwks.json",
                "http://localhost:" + port + "/auth/validate")) {
            Api otherService = new Api(OtherService.port(other)).from("192.0.2.10");

            String signedByOld;
            try (ConfigurableApplicationContext addNext = start(port, oldKey, "old", newKey, "new")) {
                Api auth = new Api(port).from("192.0.2.11");
                assertThat(keyIds(auth)).containsExactly("old", "new");
                assertThat(auth.postJson("/auth/register", Api.body("email", email, "password", PASSWORD,
                        "name", "Rotating")).status()).isEqualTo(201);
                signedByOld = login(auth, email);
                assertThat(kid(signedByOld)).isEqualTo("old");
                assertThat(otherService.get("/whoami", signedByOld).status()).isEqualTo(200);
            }

            String signedByNew;
            try (ConfigurableApplicationContext promote = start(port, newKey, "new", oldKey, "old")) {
                Api auth = new Api(port).from("192.0.2.11");
                assertThat(keyIds(auth)).containsExactly("new", "old");
                signedByNew = login(auth, email);
                assertThat(kid(signedByNew)).isEqualTo("new");
                assertThat(otherService.get("/whoami", signedByNew).status())
                        .as("known to the other service since the first step").isEqualTo(200);
                assertThat(otherService.get("/whoami", signedByOld).status()).isEqualTo(200);
                assertThat(auth.get("/auth/me", signedByOld).status()).isEqualTo(200);
            }

            try (ConfigurableApplicationContext retire = start(port, newKey, "new", null, null)) {
                Api auth = new Api(port).from("192.0.2.11");
                assertThat(keyIds(auth)).containsExactly("new");
                assertThat(auth.get("/auth/me", signedByNew).status()).isEqualTo(200);
                assertThat(auth.get("/auth/me", signedByOld).status()).isEqualTo(401);
                try (ConfigurableApplicationContext fresh = OtherService.start(
                        "http://localhost:" + port + "/auth/.well-known/jwks.json",
                        "http://localhost:" + port + "/auth/validate")) {
                    Api freshService = new Api(OtherService.port(fresh)).from("192.0.2.12");
                    assertThat(freshService.get("/whoami", signedByNew).status()).isEqualTo(200);
                    assertThat(freshService.get("/whoami", signedByOld).status()).isEqualTo(401);
                }
            }
        }
    }

    private static String login(Api auth, String email) {
        Api.Response response = auth.postJson("/auth/login", Api.body("email", email, "password", PASSWORD));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("accessToken").asString();
    }

    private static List<String> keyIds(Api auth) {
        List<String> ids = new ArrayList<>();
        auth.get("/auth/.well-known/jwks.json").json().path("keys").forEach(key -> ids.add(key.path("kid").asString()));
        return ids;
    }

    private static String kid(String jwt) {
        JsonNode header = Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        return header.path("kid").asString();
    }

    private static ConfigurableApplicationContext start(int port, KeyPair signing, String signingId,
            KeyPair published, String publishedId) {
        List<String> args = new ArrayList<>();
        TestBackend.springProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=" + port);
        args.add("--framesmith.auth.bcrypt-cost=10");
        args.add("--framesmith.auth.trust-forwarded-for=true");
        args.add("--framesmith.auth.token.private-key=" + RsaKeys.pem("PRIVATE KEY", signing.getPrivate().getEncoded()));
        args.add("--framesmith.auth.token.key-id=" + signingId);
        if (published != null) {
            args.add("--framesmith.auth.token.verification-keys[0].public-key="
                    + RsaKeys.pem("PUBLIC KEY", published.getPublic().getEncoded()));
            args.add("--framesmith.auth.token.verification-keys[0].key-id=" + publishedId);
        }
        return new SpringApplicationBuilder(AuthApplication.class).run(args.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
