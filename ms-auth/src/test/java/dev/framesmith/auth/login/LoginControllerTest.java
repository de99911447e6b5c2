package dev.framesmith.auth.login;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.auth.AuthWebSlice;
import dev.framesmith.auth.ratelimit.ClientAddresses;
import dev.framesmith.auth.token.AccessToken;
import dev.framesmith.testsupport.Api;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** The login's web rules: its fields, strict JSON, the body cap, and how a token or a refusal is answered. */
@WebMvcTest(LoginController.class)
@AuthWebSlice
class LoginControllerTest {

    private static final String ADDRESS = "203.0.113.7";
    private static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    ClientAddresses addresses;
    @MockitoBean
    Logins logins;

    @BeforeEach
    void fromOneAddress() {
        when(addresses.of(any())).thenReturn(ADDRESS);
    }

    @Test
    void aLoginAnswersABearerTokenThatIsNeverCached() {
        when(logins.login("ada@example.com", PASSWORD, ADDRESS)).thenReturn(new AccessToken("the.token", 900));

        MvcTestResult response = login(json(Api.body("email", " Ada@Example.com ", "password", PASSWORD)));

        assertThat(response).hasStatusOk().hasHeader("Cache-Control", "no-store").hasHeader("Pragma", "no-cache");
        JsonNode body = Api.JSON.readTree(response.getResponse().getContentAsByteArray());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("accessToken", "tokenType", "expiresIn");
        assertThat(body.path("accessToken").asString()).isEqualTo("the.token");
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
    }

    @Test
    void aPasswordChosenBeforeTheVisibleCharacterRuleIsStillChecked() {
        when(logins.login("ada@example.com", "        ", ADDRESS)).thenReturn(new AccessToken("the.token", 900));

        assertThat(login(json(Api.body("email", "ada@example.com", "password", "        ")))).hasStatusOk();
        verify(logins).login("ada@example.com", "        ", ADDRESS);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("email", null, "is required"),
                Arguments.of("email", " ", "is required"),
                Arguments.of("email", "' OR '1'='1", "must be a valid e-mail address"),
                Arguments.of("email", "a".repeat(250) + "@example.com", "must be at most 254 characters"),
                Arguments.of("password", null, "is required"),
                Arguments.of("password", "", "is required"),
                Arguments.of("password", "x".repeat(73), "must be at most 72 bytes long in UTF-8"),
                Arguments.of("password", "é".repeat(37), "must be at most 72 bytes long in UTF-8"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidBodies")
    void eachInvalidFieldIsAValidationErrorAndNoAttempt(String field, String value, String message) {
        Map<String, Object> body = Api.body("email", "ada@example.com", "password", PASSWORD);
        body.put(field, value);

        JsonNode problem = assertProblem(login(json(body)), 400, "validation");

        assertThat(problem.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asString()).isEqualTo(field);
            assertThat(error.path("message").asString()).isEqualTo(message);
        });
        verifyNoInteractions(logins);
    }

    @Test
    void bothMissingFieldsAreListed() {
        assertThat(invalidFields(assertProblem(login("{}"), 400, "validation"))).containsExactly("email", "password");
        verifyNoInteractions(logins);
    }

    @Test
    void jsonThatCouldMeanTwoThingsIsMalformed() {
        for (String body : new String[] {
                "{\"email\":\"ada@example.com\",\"password\":12345678}",
                "{\"email\":\"ada@example.com\",\"password\":true}",
                "{\"email\":\"ada@example.com\",\"password\":\"first\",\"password\":\"second\"}",
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\"} {}",
                "{\"email\":"}) {
            assertProblem(login(body), 400, "malformed-request");
        }
        verifyNoInteractions(logins);
    }

    @Test
    void aBodyOverTheCapOrNotJsonIsRefused() {
        assertProblem(login(json(Api.body("email", "ada@example.com", "password", "x".repeat(17 * 1024)))), 413,
                "payload-too-large");
        assertProblem(mvc.post().uri("/auth/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("email=a&password=b").exchange(), 415, "unsupported-media-type");
        verifyNoInteractions(logins);
    }

    @Test
    void wrongCredentialsAndTooManyAttemptsAreProblems() {
        when(logins.login(anyString(), anyString(), anyString())).thenThrow(Logins.invalidCredentials());
        assertProblem(login(json(Api.body("email", "ada@example.com", "password", PASSWORD))), 401,
                "invalid-credentials");

        doThrow(Logins.tooManyAttempts(Duration.ofSeconds(8))).when(logins).login(anyString(), anyString(),
                anyString());
        MvcTestResult locked = login(json(Api.body("email", "ada@example.com", "password", PASSWORD)));
        assertProblem(locked, 429, "too-many-attempts");
        assertThat(locked).hasHeader("Retry-After", "8");
    }

    private MvcTestResult login(String body) {
        return mvc.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static String json(Object body) {
        return Api.JSON.writeValueAsString(body);
    }
}
