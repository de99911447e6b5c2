package dev.framesmith.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.TestKeys;
import dev.framesmith.auth.clients.ClientProperties;
import dev.framesmith.auth.login.LoginProperties;
import dev.framesmith.auth.user.PasswordProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** Wrong settings stop the service at start-up instead of running it half-configured. */
class ConfigurationValidationTest {

    @EnableConfigurationProperties({PasswordProperties.class, LoginProperties.class, ClientProperties.class,
            RequestLimitProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void defaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PasswordProperties.class).bcryptCost()).isEqualTo(12);
            LoginProperties login = context.getBean(LoginProperties.class);
            assertThat(login.trustForwardedFor()).isFalse();
            assertThat(login.lockout().maxFailuresPerEmail()).isEqualTo(5);
            assertThat(login.lockout().maxFailuresPerAddress()).isEqualTo(20);
            assertThat(login.lockout().window()).isEqualTo(Duration.ofMinutes(15));
            assertThat(context.getBean(ClientProperties.class).clients()).isEmpty();
            assertThat(context.getBean(RequestLimitProperties.class).maxBodySize()).isEqualTo(DataSize.ofKilobytes(16));
        });
    }

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
    void lockoutLimitsMustBePositive() {
        runner.withPropertyValues("framesmith.auth.lockout.max-failures-per-email=0")
                .run(context -> assertThat(context).hasFailed());
    }
}
