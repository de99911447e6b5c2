package dev.framesmith.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthApplication;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.TestBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Failed logins live in PostgreSQL, so a wait outlasts the process that counted the failures. */
class LockoutRestartTest {

    private static final String ADDRESS = "192.0.2.77";
    private static final String PASSWORD = "correct horse battery";

    @Test
    void aLockSurvivesARestart() {
        String email = "restart-" + UUID.randomUUID() + "@example.com";
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            assertThat(api.postJson("/auth/register", Api.body("email", email, "password", PASSWORD,
                    "name", "Restarted")).status()).isEqualTo(201);
            for (int i = 0; i < 3; i++) {
                assertThat(login(api, email, "wrong").problem()).isEqualTo("invalid-credentials");
            }
            assertThat(login(api, email, PASSWORD).status()).isEqualTo(429);
        }

        try (ConfigurableApplicationContext second = start()) {
            Api.Response response = login(api(second), email, PASSWORD);

            assertThat(response.status()).as(response.body()).isEqualTo(429);
            assertThat(response.problem()).isEqualTo("too-many-attempts");
            assertThat(Long.parseLong(response.headers().getFirst("Retry-After"))).isPositive();
        }
    }

    private static Api.Response login(Api api, String email, String password) {
        return api.postJson("/auth/login", Api.body("email", email, "password", password));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort()).from(ADDRESS);
    }

    private static ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        TestBackend.springProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        args.add("--framesmith.auth.bcrypt-cost=10");
        args.add("--framesmith.auth.trust-forwarded-for=true");
        args.add("--framesmith.auth.login.base-delay=10m");
        args.add("--framesmith.auth.login.max-delay=1h");
        args.add("--framesmith.auth.token.generate-if-missing=true");
        return new SpringApplicationBuilder(AuthApplication.class).run(args.toArray(String[]::new));
    }
}
