package dev.framesmith.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** What web-slice tests check of an error: an RFC 9457 problem with its status and stable type. */
public final class Problems {

    private Problems() {
    }

    /** Asserts the answer is the problem with this status and type slug, and returns its body. */
    public static JsonNode assertProblem(MvcTestResult result, int status, String slug) {
        assertThat(result).as(() -> status + " " + slug).hasStatus(status)
                .hasContentTypeCompatibleWith("application/problem+json");
        JsonNode problem = Api.JSON.readTree(result.getResponse().getContentAsByteArray());
        assertThat(problem.path("type").asString()).isEqualTo(Api.PROBLEM_TYPES + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    /** The fields listed in a {@code validation} problem, in order. */
    public static List<String> invalidFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    /** {@code Authorization: Bearer <token>}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The request with the token as {@code Authorization: Bearer}, or as it is when there is none. */
    public static MockMvcTester.MockMvcRequestBuilder withToken(MockMvcTester.MockMvcRequestBuilder request,
            String token) {
        return token == null ? request : request.header("Authorization", bearer(token));
    }
}
