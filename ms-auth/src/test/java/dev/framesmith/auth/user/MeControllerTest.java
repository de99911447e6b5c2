package dev.framesmith.auth.user;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

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

    @Test
    void theTokensUserChangesTheirNameAndSeesTheProfileWithIt() {
        User renamed = new User(USER.id(), USER.email(), "Grace Hopper", USER.passwordHash(), USER.createdAt(),
                USER.emailVerifiedAt(), USER.tokenVersion());
        when(users.current(any())).thenReturn(USER, renamed);

        MvcTestResult response = rename(TestTokens.user(USER.id().toString(), USER.email(), USER.name()),
                "{\"name\":\"  Grace Hopper \"}");

        assertThat(response).hasStatusOk().bodyJson().extractingPath("$.name").isEqualTo("Grace Hopper");
        verify(users).rename(USER.id(), "Grace Hopper");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"name\":\" \\t \"}", "{\"name\":\"Your account is locked \\u202Ellac\"}",
            "{\"name\":\"Ada\\nLovelace\"}"})
    void anInvalidNameIsRefusedAndNothingChanges(String body) {
        JsonNode problem = assertProblem(rename(TestTokens.user(USER.id().toString(), USER.email(), USER.name()),
                body), 400, "validation");

        assertThat(problem.path("errors")).singleElement()
                .satisfies(error -> assertThat(error.path("field").asString()).isEqualTo("name"));
        verifyNoInteractions(users);
    }

    @Test
    void aNameOverOneHundredCharactersIsRefused() {
        assertProblem(rename(TestTokens.user(USER.id().toString(), USER.email(), USER.name()),
                "{\"name\":\"" + "n".repeat(101) + "\"}"), 400, "validation");
        assertProblem(rename(TestTokens.user(USER.id().toString(), USER.email(), USER.name()), "{\"name\":"), 400,
                "malformed-request");
        verifyNoInteractions(users);
    }

    @Test
    void aNameIsSentAsJson() {
        assertProblem(withToken(mvc.patch().uri("/auth/me").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("name=Mallory"), TestTokens.user(USER.id().toString(), USER.email(), USER.name()))
                .exchange(), 415, "unsupported-media-type");
        verifyNoInteractions(users);
    }

    @Test
    void onlyTheTokensUserRenamesTheirAccount() {
        String body = "{\"name\":\"Mallory\"}";
        assertProblem(rename(null, body), 401, "unauthorized");
        assertProblem(rename(TestTokens.forgedUser(USER.id().toString(), USER.email(), USER.name()), body), 401,
                "unauthorized");
        assertProblem(rename(TestTokens.service("ms-video", "notifications:send"), body), 403, "forbidden");
        verifyNoInteractions(users);
    }

    private MvcTestResult rename(String token, String body) {
        return withToken(mvc.patch().uri("/auth/me").contentType(MediaType.APPLICATION_JSON).content(body), token)
                .exchange();
    }

    private MvcTestResult me(String token) {
        return withToken(mvc.get().uri("/auth/me"), token).exchange();
    }
}
