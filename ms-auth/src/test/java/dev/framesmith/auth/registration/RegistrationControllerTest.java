package dev.framesmith.auth.registration;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.auth.AuthWebSlice;
import dev.framesmith.auth.ratelimit.RateLimiter;
import dev.framesmith.auth.user.User;
import dev.framesmith.support.web.ProblemException;
import dev.framesmith.testsupport.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** Registration's web rules: each field's rule, strict JSON, the body cap, and the answers of a registration. */
@WebMvcTest(RegistrationController.class)
@AuthWebSlice
class RegistrationControllerTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    RateLimiter limiter;
    @MockitoBean
    Registrations registrations;

    @Test
    void aRegistrationIsCreatedWithTheNormalisedAddressAndTrimmedName() {
        User user = User.registered(UUID.randomUUID(), "ada@example.com", "Ada Lovelace", "$2a$12$hash",
                Instant.parse("2026-01-02T03:04:05Z"));
        when(registrations.register("ada@example.com", PASSWORD, "Ada Lovelace")).thenReturn(user);

        MvcTestResult response = register(json(Api.body("email", "  Ada@Example.COM\t", "password", PASSWORD,
                "name", "  Ada Lovelace  ")));

        assertThat(response).hasStatus(201).hasHeader("Location", "/auth/me");
        JsonNode body = Api.JSON.readTree(response.getResponse().getContentAsByteArray());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "email", "name", "emailVerified",
                "createdAt");
        assertThat(body.path("id").asString()).isEqualTo(user.id().toString());
        assertThat(body.path("email").asString()).isEqualTo("ada@example.com");
        assertThat(body.path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(body.path("emailVerified").asBoolean(true)).isFalse();
        assertThat(body.path("createdAt").asString()).isEqualTo("2026-01-02T03:04:05Z");
        verify(registrations).register("ada@example.com", PASSWORD, "Ada Lovelace");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("email", null, "is required"),
                Arguments.of("email", "   ", "is required"),
                Arguments.of("email", "not-an-email", "must be a valid e-mail address"),
                Arguments.of("email", "a".repeat(250) + "@example.com", "must be at most 254 characters"),
                Arguments.of("password", null, "is required"),
                Arguments.of("password", "", "is required"),
                Arguments.of("password", "1234567", "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("password", "x".repeat(73), "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("password", "€".repeat(25), "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("password", " ".repeat(10), "must contain a character other than spaces"),
                Arguments.of("password", "\u00a0\u3000\u2003\u200b".repeat(3), "must contain a character other "
                        + "than spaces"),
                Arguments.of("name", null, "is required"),
                Arguments.of("name", " \t ", "is required"),
                Arguments.of("name", "n".repeat(101), "must be at most 100 characters"),
                Arguments.of("name", "Ada\nLovelace", "must not contain control characters"),
                Arguments.of("name", "Your account is locked \u202Ellac", "must not contain text-direction control "
                        + "characters"),
                Arguments.of("name", "Ada\u2066Lovelace", "must not contain text-direction control characters"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidBodies")
    void eachInvalidFieldIsListedAndNothingIsRegistered(String field, String value, String message) {
        Map<String, Object> body = Api.body("email", "ada@example.com", "password", PASSWORD, "name", "Ada");
        body.put(field, value);

        JsonNode problem = assertProblem(register(json(body)), 400, "validation");

        assertThat(problem.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asString()).isEqualTo(field);
            assertThat(error.path("message").asString()).isEqualTo(message);
        });
        verifyNoInteractions(registrations);
    }

    @Test
    void everyInvalidFieldIsListedAtOnce() {
        assertThat(invalidFields(assertProblem(register("{}"), 400, "validation")))
                .containsExactly("email", "name", "password");
        verifyNoInteractions(registrations);
    }

    @Test
    void jsonThatCouldMeanTwoThingsIsMalformed() {
        for (String body : new String[] {
                "{\"email\":\"ada@example.com\",\"password\":12345678901,\"name\":\"Ada\"}",
                "{\"email\":\"ada@example.com\",\"password\":1e999999,\"name\":\"Ada\"}",
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":true}",
                "{\"email\":[\"ada@example.com\"],\"password\":\"correct horse\",\"name\":\"Ada\"}",
                "{\"email\":\"ada@example.com\",\"password\":\"first password\",\"password\":\"second one\","
                        + "\"name\":\"Ada\"}",
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"Ada\"} {\"name\":\"Eve\"}",
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"Ada\"}]",
                "{\"email\":",
                ""}) {
            assertProblem(register(body), 400, "malformed-request");
        }
        verifyNoInteractions(registrations);
    }

    @Test
    void aBodyOverTheCapIsRefusedBeforeItIsRead() {
        String huge = json(Api.body("email", "ada@example.com", "password", PASSWORD, "name", "n".repeat(17 * 1024)));

        assertProblem(register(huge), 413, "payload-too-large");
        verifyNoInteractions(registrations);
    }

    @Test
    void onlyJsonIsAccepted() {
        assertProblem(mvc.post().uri("/auth/register").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("email=ada%40example.com&password=x&name=Ada").exchange(), 415, "unsupported-media-type");
        verifyNoInteractions(registrations);
    }

    @Test
    void aTakenAddressIsAConflict() {
        when(registrations.register(anyString(), anyString(), anyString())).thenThrow(new ProblemException(
                HttpStatus.CONFLICT, Registrations.EMAIL_TAKEN, "E-mail address already registered", "Taken."));

        assertProblem(register(json(Api.body("email", "ada@example.com", "password", PASSWORD, "name", "Ada"))), 409,
                "email-taken");
    }

    @Test
    void aClientAddressOverItsLimitIsToldWhenToComeBackAndRegistersNothing() {
        when(limiter.tryAcquire(any(), any(), any())).thenReturn(Optional.of(Duration.ofSeconds(42)));

        MvcTestResult response = register(json(Api.body("email", "ada@example.com", "password", PASSWORD, "name",
                "Ada")));

        assertProblem(response, 429, "too-many-requests");
        assertThat(response).hasHeader("Retry-After", "42");
        verifyNoInteractions(registrations);
    }

    private MvcTestResult register(String body) {
        return mvc.post().uri("/auth/register").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static String json(Object body) {
        return Api.JSON.writeValueAsString(body);
    }
}
