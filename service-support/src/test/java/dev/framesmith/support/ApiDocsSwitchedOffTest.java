package dev.framesmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Production serves no API documents: the Kubernetes ConfigMaps switch them off, and then they do not exist. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"springdoc.api-docs.enabled=false", "springdoc.swagger-ui.enabled=false",
                "spring.cloud.aws.sqs.enabled=false", "spring.cloud.aws.s3.enabled=false",
                "spring.cloud.aws.dynamodb.enabled=false"})
class ApiDocsSwitchedOffTest {

    @DynamicPropertySource
    static void trustTestTokens(DynamicPropertyRegistry registry) {
        TestTokens.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/v3/api-docs", "/swagger-ui/index.html", "/swagger-ui.html"})
    void theDocumentsAndTheirUiAreNotFoundProblems(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://framesmith.dev/problems/not-found\"");
    }
}
