package dev.framesmith.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DependencyProblemHandlerTest {

    private static final String PROBLEMS = "https://framesmith.dev/problems/";

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new CommonProblemHandler(), new DependencyProblemHandler())
            .build();

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anUnreachableEndpointIsAServiceUnavailableProblemToRetry() throws Exception {
        MvcResult result = get("/unreachable");

        assertUnavailable(result);
        JsonNode body = json.readTree(result.getResponse().getContentAsString());
        assertThat(body.get("title").asString()).isEqualTo("Service unavailable");
        assertThat(body.get("detail").asString())
                .isEqualTo("A storage or queue service this request needs is briefly unavailable."
                        + " Please try again in 30 seconds.");
        assertThat(body.get("retryAfterSeconds").asInt()).isEqualTo(30);
        assertThat(result.getResponse().getContentAsString()).doesNotContain("s3.internal.example");
    }

    @Test
    void aCallThatRanOutOfTimeIsAServiceUnavailableProblem() throws Exception {
        assertUnavailable(get("/timeout"));
    }

    @Test
    void aServerErrorOrThrottlingOfTheAwsServiceIsAServiceUnavailableProblem() throws Exception {
        assertUnavailable(get("/server-error"));
        assertUnavailable(get("/throttled"));
    }

    @Test
    void aWrappedFailureIsFoundAlongTheCauses() throws Exception {
        assertUnavailable(get("/wrapped"));
        assertUnavailable(get("/deeply-wrapped"));
    }

    @Test
    void anAwsClientErrorThatIsNoThrottlingStaysAnInternalError() throws Exception {
        for (String path : new String[] {"/client-error", "/wrapped-client-error"}) {
            MvcResult result = get(path);

            assertProblem(result, 500, "internal-error");
            assertThat(result.getResponse().getHeader("Retry-After")).as(path).isNull();
            assertThat(result.getResponse().getContentAsString()).doesNotContain("AccessDenied");
        }
    }

    @Test
    void otherErrorsAreLeftToTheCommonHandler() throws Exception {
        assertProblem(get("/boom"), 500, "internal-error");
    }

    private void assertUnavailable(MvcResult result) throws Exception {
        assertProblem(result, 503, "service-unavailable");
        assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("30");
    }

    private void assertProblem(MvcResult result, int status, String slug) throws Exception {
        String path = result.getRequest().getRequestURI();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).as(path).isEqualTo("application/problem+json");
        JsonNode body = json.readTree(result.getResponse().getContentAsString());
        assertThat(body.get("type").asString()).as(path).isEqualTo(PROBLEMS + slug);
        assertThat(body.get("status").asInt()).as(path).isEqualTo(status);
    }

    private MvcResult get(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).accept(MediaType.APPLICATION_JSON)).andReturn();
    }

    @RestController
    static class FailingController {

        @GetMapping("/unreachable")
        void unreachable() {
            throw SdkClientException.create("Unable to execute HTTP request: Connect to s3.internal.example:443"
                    + " failed", new ConnectException("Connection refused"));
        }

        @GetMapping("/timeout")
        void timeout() {
            throw ApiCallTimeoutException.create(60_000);
        }

        @GetMapping("/server-error")
        void serverError() {
            throw serviceError(503, "ServiceUnavailable");
        }

        @GetMapping("/throttled")
        void throttled() {
            throw serviceError(400, "ThrottlingException");
        }

        @GetMapping("/wrapped")
        void wrapped() {
            throw new RuntimeException("sending failed", SdkClientException.create("unreachable"));
        }

        @GetMapping("/deeply-wrapped")
        void deeplyWrapped() {
            throw new CompletionException(new UncheckedIOException(new java.io.IOException("read failed",
                    serviceError(500, "InternalError"))));
        }

        @GetMapping("/client-error")
        void clientError() {
            throw serviceError(403, "AccessDenied");
        }

        @GetMapping("/wrapped-client-error")
        void wrappedClientError() {
            throw new RuntimeException("reading failed", serviceError(400, "ValidationException"));
        }

        @GetMapping("/boom")
        void boom() {
            throw new IllegalStateException("secret internals");
        }

        private static AwsServiceException serviceError(int status, String code) {
            return AwsServiceException.builder()
                    .statusCode(status)
                    .message(code + " from the service")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("S3").build())
                    .build();
        }
    }
}
