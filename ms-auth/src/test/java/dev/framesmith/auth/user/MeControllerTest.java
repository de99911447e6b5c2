package dev.framesmith.auth.user;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.auth.AuthWebSlice;
import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.web.ProblemException;
import dev.framesmith.support.web.Problems;
import dev.framesmith.testsupport.TestTokens;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The profile's web rules: the token's user sees their account, nobody else sees anything. */
@WebMvcTest(MeController.class)
@AuthWebSlice
class MeControllerTest {

    private static final User USER = new User(UUID.randomUUID(), "ada@example.com", "Ada Lovelace", "$2a$12$hash",
            Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:10:00Z"), 3);

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    Users users;

    @Test
    void theTokensUserSeesTheProfileWithoutThePassword() {
        when(users.current(new CurrentUser(USER.id().toString(), USER.email(), USER.name()))).thenReturn(USER);

        MvcTestResult response = me(TestTokens.user(USER.id().toString(), USER.email(), USER.name()));

        assertThat(response).hasStatusOk().bodyJson().isStrictlyEqualTo("{\"id\":\"" + USER.id()
                + "\",\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\",\"emailVerified\":true,"
                + "\"createdAt\":\"2026-01-02T03:04:05Z\"}");
    }

    @Test
    void anAccountThatNoLongerExistsIsNotFound() {
        when(users.current(any())).thenThrow(new ProblemException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND,
                "Not found", "This account no longer exists."));

        assertProblem(me(TestTokens.user(USER.id().toString(), USER.email(), USER.name())), 404, "not-found");
    }

    @Test
    void aUserTokenIsNeeded() {
        assertProblem(me(null), 401, "unauthorized");
        assertProblem(me(TestTokens.forgedUser(USER.id().toString(), USER.email(), USER.name())), 401,
                "unauthorized");
        assertProblem(me(TestTokens.expiredUser(USER.id().toString(), USER.email(), USER.name())), 401,
                "unauthorized");
        assertProblem(me(TestTokens.service("ms-video", "notifications:send")), 403, "forbidden");
        verifyNoInteractions(users);
    }

    private MvcTestResult me(String token) {
        return withToken(mvc.get().uri("/auth/me"), token).exchange();
    }
}
