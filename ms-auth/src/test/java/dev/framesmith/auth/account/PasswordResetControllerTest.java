package dev.framesmith.auth.account;

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
import dev.framesmith.auth.ratelimit.RateLimiter;
import dev.framesmith.testsupport.Api;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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

/** The password reset's web rules: asking for a link, setting the new password, and their problems. */
@WebMvcTest(PasswordResetController.class)
@AuthWebSlice
class PasswordResetControllerTest {

    private static final String TOKEN = "t".repeat(43);
    private static final String PASSWORD = "a new password";
    private static final String ADDRESS = "203.0.113.9";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    RateLimiter limiter;
    @Autowired
    ClientAddresses addresses;
    @MockitoBean
    PasswordResets resets;

    @Test
    void askingForALinkIsAcceptedWithoutABodyForTheNormalisedAddress() {
        MvcTestResult response = post("/auth/password-reset", json(Api.body("email", " Ada@Example.com")));

        assertThat(response).hasStatus(202);
        assertThat(response.getResponse().getContentAsByteArray()).isEmpty();
        verify(resets).request("ada@example.com");
    }

    @Test
    void askingWithoutAnAddressOrWithJsonThatCouldMeanTwoThingsIsRefused() {
        for (String body : new String[] {"{}", "{\"email\":\" \"}", "{\"email\":\"ada\"}"}) {
            assertThat(invalidFields(assertProblem(post("/auth/password-reset", body), 400, "validation")))
                    .as(body).containsExactly("email");
        }
        for (String body : new String[] {"{\"email\":42}", "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}",
                "{\"email\":\"ada@example.com\"} {}", "{\"email\":"}) {
            assertProblem(post("/auth/password-reset", body), 400, "malformed-request");
        }
        assertProblem(post("/auth/password-reset", json(Api.body("email", "a".repeat(17 * 1024)))), 413,
                "payload-too-large");
        verifyNoInteractions(resets);
    }

    @Test
    void askingFromAClientAddressOverItsLimitIsTooManyRequests() {
        when(limiter.tryAcquire(any(), any(), any())).thenReturn(Optional.of(Duration.ofMinutes(5)));

        MvcTestResult response = post("/auth/password-reset", json(Api.body("email", "ada@example.com")));

        assertProblem(response, 429, "too-many-requests");
        assertThat(response).hasHeader("Retry-After", "300");
        verifyNoInteractions(resets);
    }

    @Test
    void aNewPasswordIsSetWithNoContentFromTheClientsAddress() {
        when(addresses.of(any())).thenReturn(ADDRESS);

        MvcTestResult response = post("/auth/password-reset/confirm", json(Api.body("token", TOKEN, "password",
                PASSWORD)));

        assertThat(response).hasStatus(204);
        verify(resets).reset(TOKEN, PASSWORD, ADDRESS);
    }

    static Stream<Arguments> invalidConfirmations() {
        return Stream.of(
                Arguments.of("token", null, "is required"),
                Arguments.of("token", "  ", "is required"),
                Arguments.of("token", "t".repeat(129), "must be at most 128 characters"),
                Arguments.of("password", null, "is required"),
                Arguments.of("password", "short", "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("password", "x".repeat(73), "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("password", "€".repeat(25), "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("password", " ".repeat(12), "must contain a character other than spaces"),
                Arguments.of("password", "\u3000".repeat(4) + "\u200b".repeat(4),
                        "must contain a character other than spaces"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidConfirmations")
    void eachInvalidFieldOfANewPasswordIsListedAndNothingIsChanged(String field, String value, String message) {
        Map<String, Object> body = Api.body("token", TOKEN, "password", PASSWORD);
        body.put(field, value);

        JsonNode problem = assertProblem(post("/auth/password-reset/confirm", json(body)), 400, "validation");

        assertThat(problem.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asString()).isEqualTo(field);
            assertThat(error.path("message").asString()).isEqualTo(message);
        });
        verifyNoInteractions(resets);
    }

    @Test
    void aNewPasswordInJsonThatCouldMeanTwoThingsIsMalformed() {
        for (String body : new String[] {
                "{\"token\":\"" + TOKEN + "\",\"password\":123456789}",
                "{\"token\":12345,\"password\":\"" + PASSWORD + "\"}",
                "{\"token\":\"" + TOKEN + "\",\"password\":\"one password\",\"password\":\"another one\"}",
                "{\"token\":\"" + TOKEN + "\",\"password\":\"" + PASSWORD + "\"} {}"}) {
            assertProblem(post("/auth/password-reset/confirm", body), 400, "malformed-request");
        }
        verifyNoInteractions(resets);
    }

    @Test
    void anUnknownUsedOrExpiredLinkIsAnInvalidLink() {
        doThrow(AccountProblems.invalidLink()).when(resets).reset(anyString(), anyString(), any());

        assertProblem(post("/auth/password-reset/confirm", json(Api.body("token", TOKEN, "password", PASSWORD))),
                400, "invalid-link");
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static String json(Object body) {
        return Api.JSON.writeValueAsString(body);
    }
}
