package dev.framesmith.auth.token;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.auth.AuthWebSlice;
import dev.framesmith.auth.TestClockConfiguration;
import dev.framesmith.auth.user.User;
import dev.framesmith.auth.user.Users;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.MutableClock;
import dev.framesmith.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** The refresh's web rules: a user token is needed, and none is granted once the session is too old. */
@WebMvcTest(RefreshController.class)
@AuthWebSlice
@Import({TestClockConfiguration.class, RefreshControllerTest.Settings.class})
class RefreshControllerTest {

    private static final User USER = User.registered(UUID.randomUUID(), "ada@example.com", "Ada", "$2a$12$hash",
            Instant.parse("2026-01-02T03:04:05Z"));

    @Autowired
    MockMvcTester mvc;
    @Autowired
    MutableClock clock;
    @MockitoBean
    Users users;
    @MockitoBean
    AccessTokens tokens;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aUserTokenIsExchangedForAFreshOneThatKeepsTheTimeThePasswordWasGiven() {
        when(users.current(any())).thenReturn(USER);
        when(tokens.forUser(eq(USER), any(Instant.class))).thenReturn(new AccessToken("fresh.token", 900));
        Instant before = Instant.now().minusSeconds(1);

        MvcTestResult response = refresh(userToken());

        assertThat(response).hasStatusOk().hasHeader("Cache-Control", "no-store");
        JsonNode body = Api.JSON.readTree(response.getResponse().getContentAsByteArray());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("accessToken", "tokenType", "expiresIn");
        assertThat(body.path("accessToken").asString()).isEqualTo("fresh.token");
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
        ArgumentCaptor<Instant> authTime = ArgumentCaptor.forClass(Instant.class);
        verify(tokens).forUser(eq(USER), authTime.capture());
        assertThat(authTime.getValue()).as("a token without auth_time counts from its issue")
                .isBetween(before, Instant.now());
    }

    @Test
    void noneIsGrantedOnceThePasswordWasGivenLongerAgoThanTheLongestSession() {
        String token = userToken();
        clock.advance(Duration.ofHours(12).plusMinutes(1));

        assertProblem(refresh(token), 401, "session-expired");
        verifyNoInteractions(tokens);
    }

    @Test
    void noneIsGrantedWhenTheAccountsTokenVersionMovedOnSinceTheTokenWasChecked() {
        // A password reset committed between the token's verification and the refresh's read of the account.
        when(users.current(any())).thenReturn(new User(USER.id(), USER.email(), USER.name(), "$2a$12$new",
                USER.createdAt(), USER.createdAt(), 1));

        assertProblem(refresh(userToken()), 401, "unauthorized");
        verifyNoInteractions(tokens);
    }

    @Test
    void aUserTokenIsNeeded() {
        assertProblem(refresh(null), 401, "unauthorized");
        assertProblem(refresh("not.a.token"), 401, "unauthorized");
        assertProblem(refresh(TestTokens.forgedUser(USER.id().toString(), USER.email(), USER.name())), 401,
                "unauthorized");
        assertProblem(refresh(TestTokens.expiredUser(USER.id().toString(), USER.email(), USER.name())), 401,
                "unauthorized");
        assertProblem(refresh(TestTokens.service("ms-video", "notifications:send")), 403, "forbidden");
        verifyNoInteractions(users, tokens);
    }

    private static String userToken() {
        return TestTokens.user(USER.id().toString(), USER.email(), USER.name());
    }

    private MvcTestResult refresh(String token) {
        return withToken(mvc.post().uri("/auth/refresh"), token).exchange();
    }

    @EnableConfigurationProperties(TokenProperties.class)
    static class Settings {
    }
}
