package dev.framesmith.auth.token;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthWebSlice;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.TestTokens;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * The validation endpoint's web rules, with a decoder that trusts the test tokens (ms-auth's own, with its keys
 * and token versions, is {@link TokenVerificationTest}'s): what a valid token is answered with, and the problems.
 */
@WebMvcTest(TokenValidationController.class)
@AuthWebSlice
class TokenValidationControllerTest {

    private static final String USER = UUID.randomUUID().toString();

    @Autowired
    MockMvcTester mvc;

    @Test
    void aValidUserTokenIsAnsweredWithItsSubjectAddressAndExpiry() {
        MvcTestResult response = validate(json(Api.body("token", " " + TestTokens.user(USER, "ada@example.com",
                "Ada") + "\n")));

        assertThat(response).hasStatusOk();
        JsonNode body = Api.JSON.readTree(response.getResponse().getContentAsByteArray());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("valid", "sub", "email", "exp");
        assertThat(body.path("valid").asBoolean()).isTrue();
        assertThat(body.path("sub").asString()).isEqualTo(USER);
        assertThat(body.path("email").asString()).isEqualTo("ada@example.com");
        assertThat(Instant.ofEpochSecond(body.path("exp").asLong())).isAfter(Instant.now());
    }

    @Test
    void aServiceTokenHasNoAddress() {
        JsonNode body = Api.JSON.readTree(validate(json(Api.body("token", TestTokens.service("ms-video",
                "notifications:send")))).getResponse().getContentAsByteArray());

        assertThat(body.propertyNames()).containsExactlyInAnyOrder("valid", "sub", "exp");
        assertThat(body.path("sub").asString()).isEqualTo("ms-video");
    }

    @Test
    void aForgedExpiredOrMalformedTokenIsInvalid() {
        for (String token : new String[] {TestTokens.forgedUser(USER, "ada@example.com", "Ada"),
                TestTokens.expiredUser(USER, "ada@example.com", "Ada"), "not.a.token", "x".repeat(8192)}) {
            assertProblem(validate(json(Api.body("token", token))), 401, "invalid-token");
        }
    }

    @Test
    void aMissingOrOverLongTokenIsListed() {
        for (String body : new String[] {"{}", "{\"token\":\"\"}", "{\"token\":\" \"}",
                json(Api.body("token", "x".repeat(8193)))}) {
            assertThat(invalidFields(assertProblem(validate(body), 400, "validation"))).as(body)
                    .containsExactly("token");
        }
    }

    @Test
    void jsonThatCouldMeanTwoThingsOrABodyOverTheCapIsRefused() {
        for (String body : new String[] {"{\"token\":12345}", "{\"token\":true}", "{\"token\":\"a\",\"token\":\"b\"}",
                "{\"token\":\"a\"} {}", "{\"token\":"}) {
            assertProblem(validate(body), 400, "malformed-request");
        }
        assertProblem(validate(json(Api.body("token", "x".repeat(17 * 1024)))), 413, "payload-too-large");
        assertProblem(mvc.post().uri("/auth/validate").contentType(MediaType.TEXT_PLAIN).content("token")
                .exchange(), 415, "unsupported-media-type");
    }

    private MvcTestResult validate(String body) {
        return mvc.post().uri("/auth/validate").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static String json(Object body) {
        return Api.JSON.writeValueAsString(body);
    }
}
