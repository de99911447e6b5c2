package dev.framesmith.otherservice;

import dev.framesmith.support.security.CurrentUser;
import java.util.Map;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Another service, as ms-video would be: only service-support's resource server, trusting ms-auth through its JWK
 * set URL and asking it whether a token was revoked, with one endpoint for users. It lives outside {@code dev.framesmith.auth}
 * so that ms-auth's component scan never sees it, and it reads none of ms-auth's configuration files.
 */
@EnableAutoConfiguration(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class},
        excludeName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
@Import(OtherService.WhoAmI.class)
public class OtherService {

    /** Trusts ms-auth's keys at {@code jwksUri} and asks {@code revocationUri} about a token at most every second. */
    public static ConfigurableApplicationContext start(String jwksUri, String revocationUri) {
        return new SpringApplicationBuilder(OtherService.class).run(
                "--spring.config.name=other-service",
                "--spring.application.name=other-service",
                "--server.port=0",
                "--framesmith.security.jwt.jwks-uri=" + jwksUri,
                "--framesmith.security.jwt.revocation-uri=" + revocationUri,
                "--framesmith.security.jwt.revocation-check-every=1s");
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @RestController
    static class WhoAmI {

        @GetMapping("/whoami")
        Map<String, String> whoami(CurrentUser user) {
            return Map.of("userId", user.userId(), "email", user.email(), "name", user.name());
        }
    }
}
