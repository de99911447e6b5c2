package dev.framesmith.auth.account;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.invalidFields;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.auth.AuthWebSlice;
import dev.framesmith.auth.ratelimit.RateLimiter;
import dev.framesmith.auth.user.User;
import dev.framesmith.auth.user.Users;
import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Confirming an address and asking for the link again: their fields, tokens and problems. */
@WebMvcTest(EmailVerificationController.class)
@AuthWebSlice
class EmailVerificationControllerTest {

    private static final String LINK_TOKEN = "v".repeat(43);
    private static final User USER = User.registered(UUID.randomUUID(), "ada@example.com", "Ada", "$2a$12$hash",
            Instant.parse("2026-01-02T03:04:05Z"));

    @Autowired
    MockMvcTester mvc;
    @Autowired
    RateLimiter limiter;
    @MockitoBean
    EmailVerification verification;
    @MockitoBean
    Users users;

    @Test
    void aLinkTokenConfirmsTheAddressOfTheAccountWhoseSessionSendsIt() {
        when(users.current(new CurrentUser(USER.id().toString(), USER.email(), USER.name()))).thenReturn(USER);

        MvcTestResult response = confirm(json(Api.body("token", LINK_TOKEN)));

        assertThat(response).hasStatusOk().bodyJson().isStrictlyEqualTo("{\"emailVerified\":true}");
        verify(verification).verify(USER.id(), LINK_TOKEN);
    }

    @Test
    void confirmingNeedsAUserToken() {
        String body = json(Api.body("token", LINK_TOKEN));

        assertProblem(confirm(null, body), 401, "unauthorized");
        assertProblem(confirm(TestTokens.forgedUser(USER.id().toString(), USER.email(), USER.name()), body), 401,
                "unauthorized");
        assertProblem(confirm(TestTokens.service("ms-video", "notifications:send"), body), 403, "forbidden");
        verifyNoInteractions(verification);
    }

    @Test
    void aMissingOrOverLongLinkTokenIsListed() {
        for (String body : new String[] {"{}", "{\"token\":\"\"}", "{\"token\":\"   \"}",
                json(Api.body("token", "v".repeat(129)))}) {
            assertThat(invalidFields(assertProblem(confirm(body), 400, "validation"))).as(body)
                    .containsExactly("token");
        }
        verifyNoInteractions(verification);
    }

    @Test
    void aLinkTokenInJsonThatCouldMeanTwoThingsIsMalformed() {
        for (String body : new String[] {"{\"token\":12345}", "{\"token\":[\"" + LINK_TOKEN + "\"]}",
                "{\"token\":\"a\",\"token\":\"b\"}", "{\"token\":\"" + LINK_TOKEN + "\"} {}", "{\"token\":"}) {
            assertProblem(confirm(body), 400, "malformed-request");
        }
        assertProblem(confirm(json(Api.body("token", "v".repeat(17 * 1024)))), 413, "payload-too-large");
        verifyNoInteractions(verification);
    }

    @Test
    void anUnknownUsedOrExpiredLinkIsAnInvalidLink() {
        when(users.current(any())).thenReturn(USER);
        doThrow(AccountProblems.invalidLink()).when(verification).verify(any(), anyString());

        assertProblem(confirm(json(Api.body("token", LINK_TOKEN))), 400, "invalid-link");
    }

    @Test
    void theOwnerOfAUserTokenGetsANewLink() {
        String token = TestTokens.user(USER.id().toString(), USER.email(), USER.name());
        when(users.current(new CurrentUser(USER.id().toString(), USER.email(), USER.name()))).thenReturn(USER);

        MvcTestResult response = resend(token);

        assertThat(response).hasStatus(202);
        assertThat(response.getResponse().getContentAsByteArray()).isEmpty();
        verify(verification).resend(USER);
    }

    @Test
    void askingAgainNeedsAUserToken() {
        assertProblem(resend(null), 401, "unauthorized");
        assertProblem(resend(TestTokens.forgedUser(USER.id().toString(), USER.email(), USER.name())), 401,
                "unauthorized");
        assertProblem(resend(TestTokens.expiredUser(USER.id().toString(), USER.email(), USER.name())), 401,
                "unauthorized");
        assertProblem(resend(TestTokens.service("ms-video", "notifications:send")), 403, "forbidden");
        verifyNoInteractions(verification);
    }

    @Test
    void aConfirmedAddressOrTooManyRequestsAreRefused() {
        when(users.current(any())).thenReturn(USER);
        String token = TestTokens.user(USER.id().toString(), USER.email(), USER.name());

        doThrow(AccountProblems.alreadyVerified()).when(verification).resend(USER);
        assertProblem(resend(token), 409, "email-already-verified");

        when(limiter.tryAcquire(any(), any(), any())).thenReturn(Optional.of(Duration.ofSeconds(30)));
        MvcTestResult limited = resend(token);
        assertProblem(limited, 429, "too-many-requests");
        assertThat(limited).hasHeader("Retry-After", "30");
    }

    /** Sends the link's token in a session of {@link #USER}. */
    private MvcTestResult confirm(String body) {
        return confirm(TestTokens.user(USER.id().toString(), USER.email(), USER.name()), body);
    }

    private MvcTestResult confirm(String token, String body) {
        return withToken(mvc.post().uri("/auth/verify-email"), token).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }

    private MvcTestResult resend(String token) {
        return withToken(mvc.post().uri("/auth/verify-email/resend"), token).exchange();
    }

    private static String json(Object body) {
        return Api.JSON.writeValueAsString(body);
    }
}
