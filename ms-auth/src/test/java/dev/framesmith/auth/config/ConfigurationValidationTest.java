package dev.framesmith.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.TestKeys;
import dev.framesmith.auth.account.AccountProperties;
import dev.framesmith.auth.clients.ClientProperties;
import dev.framesmith.auth.login.LoginProperties;
import dev.framesmith.auth.outbox.OutboxProperties;
import dev.framesmith.auth.ratelimit.ClientAddressProperties;
import dev.framesmith.auth.ratelimit.RateLimit;
import dev.framesmith.auth.ratelimit.RateLimitProperties;
import dev.framesmith.auth.user.PasswordProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Wrong settings stop the service at start-up instead of running it half-configured. */
class ConfigurationValidationTest {

    @EnableConfigurationProperties({PasswordProperties.class, LoginProperties.class, ClientProperties.class,
            ClientAddressProperties.class, RateLimitProperties.class,
            AccountProperties.class, OutboxProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void bcryptCostBelowTenIsRefused() {
        runner.withPropertyValues("framesmith.auth.bcrypt-cost=9").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("bcryptCost"));
        runner.withPropertyValues("framesmith.auth.bcrypt-cost=10").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void aClientNeedsAnIdAndABcryptHash() {
        runner.withPropertyValues("framesmith.auth.clients[0].id=ms-video",
                        "framesmith.auth.clients[0].secret-hash=plain-secret")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("must be a bcrypt hash"));
        runner.withPropertyValues("framesmith.auth.clients[0].secret-hash=" + TestKeys.clientSecretHash())
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("framesmith.auth.clients[0].id=ms-video",
                        "framesmith.auth.clients[0].secret-hash=" + TestKeys.clientSecretHash(),
                        "framesmith.auth.clients[0].scopes[0]=notifications:send")
                .run(context -> assertThat(context.getBean(ClientProperties.class).clients())
                        .singleElement()
                        .satisfies(client -> assertThat(client.scopes()).containsExactly("notifications:send")));
    }

    @Test
    void scopesMustBeScopeTokens() {
        runner.withPropertyValues("framesmith.auth.clients[0].id=ms-video",
                        "framesmith.auth.clients[0].secret-hash=" + TestKeys.clientSecretHash(),
                        "framesmith.auth.clients[0].scopes[0]=two words")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void twoClientsMayNotShareAnId() {
        runner.withPropertyValues("framesmith.auth.clients[0].id=ms-video",
                        "framesmith.auth.clients[0].secret-hash=" + TestKeys.clientSecretHash(),
                        "framesmith.auth.clients[1].id=ms-video",
                        "framesmith.auth.clients[1].secret-hash=" + TestKeys.clientSecretHash())
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("two clients"));
    }

    @Test
    void limitsMustBePositiveWithAWindow() {
        for (String wrong : new String[] {"framesmith.auth.login.per-account.max=0",
                "framesmith.auth.login.base-delay=0s", "framesmith.auth.login.max-delay=100ms",
                "framesmith.auth.rate-limits.registration.max=0", "framesmith.auth.rate-limits.token.window=0s",
                "framesmith.auth.account.password-reset-ttl=2d", "framesmith.auth.outbox.lease=10s"}) {
            runner.withPropertyValues(wrong).run(context -> assertThat(context).as(wrong).hasFailed());
        }
        runner.withPropertyValues("framesmith.auth.rate-limits.registration.max=3").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("set whole"));
        runner.withPropertyValues("framesmith.auth.rate-limits.registration.max=3",
                        "framesmith.auth.rate-limits.registration.window=10m")
                .run(context -> assertThat(context.getBean(RateLimitProperties.class).registration())
                        .isEqualTo(new RateLimit(3, Duration.ofMinutes(10))));
    }
}
