package dev.framesmith.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.account.AccountProperties;
import dev.framesmith.auth.clients.ClientProperties;
import dev.framesmith.auth.login.LoginProperties;
import dev.framesmith.auth.outbox.OutboxProperties;
import dev.framesmith.auth.ratelimit.ClientAddressProperties;
import dev.framesmith.auth.ratelimit.RateLimit;
import dev.framesmith.auth.ratelimit.RateLimitProperties;
import dev.framesmith.auth.token.TokenProperties;
import dev.framesmith.auth.user.PasswordProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The defaults of {@code framesmith.auth.*}, bound from no properties at all: the records are their only home
 * (application.yml repeats none), and these are the values the README's Configuration table documents.
 */
class AuthPropertiesTest {

    @EnableConfigurationProperties({PasswordProperties.class, ClientAddressProperties.class, LoginProperties.class,
            RateLimitProperties.class, AccountProperties.class, OutboxProperties.class, TokenProperties.class,
            ClientProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void passwordsAndClientAddresses() {
        runner.run(context -> {
            assertThat(context.getBean(PasswordProperties.class).bcryptCost()).isEqualTo(12);
            assertThat(context.getBean(ClientAddressProperties.class).trustForwardedFor()).isFalse();
            assertThat(context.getBean(ClientProperties.class).clients()).isEmpty();
        });
    }

    @Test
    void login() {
        runner.run(context -> assertThat(context.getBean(LoginProperties.class)).isEqualTo(new LoginProperties(3,
                Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1),
                new RateLimit(20, Duration.ofMinutes(15)), new RateLimit(100, Duration.ofHours(24)),
                Duration.ofDays(30), 10)));
    }

    @Test
    void rateLimits() {
        runner.run(context -> assertThat(context.getBean(RateLimitProperties.class)).isEqualTo(
                new RateLimitProperties(new RateLimit(10, Duration.ofHours(1)),
                        new RateLimit(30, Duration.ofMinutes(1)), new RateLimit(10, Duration.ofHours(1)),
                        new RateLimit(5, Duration.ofHours(24)),
                        new RateLimit(5, Duration.ofHours(24)))));
    }

    @Test
    void accountLinksAndOutbox() {
        runner.run(context -> {
            assertThat(context.getBean(AccountProperties.class))
                    .isEqualTo(new AccountProperties(Duration.ofHours(24), Duration.ofMinutes(30)));
            assertThat(context.getBean(OutboxProperties.class)).isEqualTo(new OutboxProperties(Duration.ofSeconds(1),
                    20, Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofMinutes(5)));
        });
    }

    @Test
    void tokens() {
        runner.run(context -> {
            TokenProperties token = context.getBean(TokenProperties.class);
            assertThat(token.issuer()).isEqualTo("framesmith");
            assertThat(token.ttl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(token.maxSession()).isEqualTo(Duration.ofHours(12));
            assertThat(token.privateKey()).isNull();
            assertThat(token.keyId()).isNull();
            assertThat(token.verificationKeys()).isEmpty();
            assertThat(token.generateIfMissing()).isFalse();
        });
    }
}
