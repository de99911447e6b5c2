package dev.framesmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,prometheus",
                "management.tracing.sampling.probability=1.0",
                "management.server.port=0",
                "management.endpoint.health.probes.enabled=true",
                "management.endpoint.health.probes.add-additional-paths=true",
                "management.endpoint.health.group.dependencies.include=ping",
                "spring.cloud.aws.sqs.enabled=false", "spring.cloud.aws.s3.enabled=false",
                "spring.cloud.aws.dynamodb.enabled=false",
                "framesmith.security.jwt.public-paths=/public/**",
                "framesmith.web.multipart-paths=/files",
                "framesmith.security.jwt.query-token-paths=/events",
                "framesmith.security.jwt.audiences=framesmith-api,framesmith-services",
                "spring.cloud.aws.sqs.enabled=false"})
class ServiceSupportTest {

    private static final String PROBLEMS = "https://framesmith.dev/problems/";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @DynamicPropertySource
    static void trustTestTokens(DynamicPropertyRegistry registry) {
        TestTokens.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void userTokenResolvesTheCurrentUser() throws Exception {
        HttpResponse<String> response = get("/me", TestTokens.user("u-1", "ada@example.com", "Ada"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("userId").asString()).isEqualTo("u-1");
        assertThat(body.get("email").asString()).isEqualTo("ada@example.com");
    }

    @Test
    void missingExpiredAndForgedTokensAreUnauthorizedProblems() throws Exception {
        for (String token : new String[] {null, "garbage", TestTokens.expiredUser("u", "u@example.com", "U"),
                TestTokens.forgedUser("u", "u@example.com", "U")}) {
            HttpResponse<String> response = get("/me", token);

            assertThat(response.statusCode()).as("token %s", token).isEqualTo(401);
            assertProblem(response, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValue(token == null ? "Bearer"
                            : "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\"");
        }
    }

    @Test
    void aTokenInTheQueryStringCountsOnlyOnTheGetEndpointsNamedForIt() throws Exception {
        String token = TestTokens.user("u-1", "ada@example.com", "Ada");

        assertThat(get("/events?access_token=" + token, null).body()).isEqualTo("events for u-1");
        assertProblem(get("/me?access_token=" + token, null), "unauthorized", 401);
        assertProblem(http.send(HttpRequest.newBuilder(uri("/events?access_token=" + token))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()),
                "unauthorized", 401);
    }

    @Test
    void aTokenForNoneOfTheServicesAudiencesIsUnauthorized() throws Exception {
        for (String audience : new String[] {null, "framesmith-elsewhere"}) {
            HttpResponse<String> response = get("/me", TestTokens.userFor(audience, "u-1", "ada@example.com", "Ada"));

            assertProblem(response, "unauthorized", 401);
        }
        assertThat(get("/me", TestTokens.userFor("framesmith-api", "u-1", "ada@example.com", "Ada")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnverifiedUserIsRefusedWhereAConfirmedAddressIsRequired() throws Exception {
        HttpResponse<String> refused = send("/uploads", TestTokens.unverifiedUser("u-2", "bo@example.com", "Bo"), "");

        assertProblem(refused, "email-not-verified", 403);
        HttpResponse<String> accepted = send("/uploads", TestTokens.user("u-2", "bo@example.com", "Bo"), "");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("accepted for u-2");
        assertProblem(send("/uploads", TestTokens.service("ms-video", "notifications:send"), ""), "forbidden", 403);
    }

    @Test
    void jsonThatCouldMeanTwoThingsIsMalformed() throws Exception {
        for (String body : new String[] {"{\"name\":12345}", "{\"name\":true}", "{\"name\":1e999999}",
                "{\"name\":\"Ada\",\"name\":\"Bo\"}", "{\"name\":\"Ada\"} {\"name\":\"Bo\"}"}) {
            assertProblem(post("/greetings", body), "malformed-request", 400);
        }
        assertThat(post("/greetings", "{\"name\":\"Ada\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void serviceTokenIsForbiddenOnUserEndpointsAndUserTokenOnServiceEndpoints() throws Exception {
        assertProblem(get("/me", TestTokens.service("ms-video", "notifications:send")), "forbidden", 403);
        assertProblem(get("/internal", TestTokens.anyUser()), "forbidden", 403);
        assertThat(get("/internal", TestTokens.service("ms-video", "notifications:send")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void invalidFieldsAreListed() throws Exception {
        HttpResponse<String> response = post("/greetings", "{\"name\":\" \",\"nick\":\"toolong\"}");

        assertProblem(response, "validation", 400);
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("name");
        assertThat(errors.get(1).get("field").asString()).isEqualTo("nick");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsAnInvalidFieldButABadPathIsMalformed() throws Exception {
        HttpResponse<String> size = get("/pages?size=many", TestTokens.anyUser());
        assertProblem(size, "validation", 400);
        JsonNode error = json.readTree(size.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("size");
        assertThat(error.get("message").asString()).isEqualTo("must be a whole number");

        assertProblem(get("/pages/many", TestTokens.anyUser()), "malformed-request", 400);
    }

    @Test
    void parametersThatDoNotDecodeAreMalformedWhicheverOneItIs() throws Exception {
        assertProblem(get("/pages?size=%ff", TestTokens.anyUser()), "malformed-request", 400);
        assertProblem(get("/pages?size=2&other=%00%ff", TestTokens.anyUser()), "malformed-request", 400);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/pages"))
                .header("Authorization", "Bearer " + TestTokens.anyUser())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("size=%c3%28")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(form, "malformed-request", 400);

        assertThat(get("/pages?size=2&other=%c3%a9", TestTokens.anyUser()).body()).isEqualTo("2");
    }

    @Test
    void aBodyOverTheCapIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        String big = "{\"name\":\"" + "a".repeat(16 * 1024) + "\"}";

        assertProblem(post("/greetings", big), "payload-too-large", 413);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/greetings"))
                .header("Authorization", "Bearer " + TestTokens.anyUser())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, "payload-too-large", 413);
        assertThat(post("/greetings", "{\"name\":\"" + "a".repeat(15 * 1024) + "\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aMultipartBodyIsLeftToTheServiceThatTakesIt() throws Exception {
        HttpResponse<String> response = postMultipart("/files", 64 * 1024);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("taken");
    }

    @Test
    void aMultipartBodyToAPathThatDoesNotTakeMultipartIsHeldToTheBodyLimit() throws Exception {
        assertProblem(postMultipart("/greetings", 64 * 1024), "payload-too-large", 413);
    }

    private HttpResponse<String> postMultipart(String path, int bytes) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TestTokens.anyUser())
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes])).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        assertProblem(post("/greetings", "{\"name\":"), "malformed-request", 400);
    }

    @Test
    void featureProblemsKeepTheirType() throws Exception {
        assertProblem(get("/conflict", TestTokens.anyUser()), "already-there", 409);
    }

    @Test
    void unexpectedErrorsRevealNothing() throws Exception {
        HttpResponse<String> response = get("/boom", TestTokens.anyUser());

        assertProblem(response, "internal-error", 500);
        assertThat(response.body()).doesNotContain("secret internals");
    }

    @Test
    void anUnreachableAwsDependencyIsAServiceUnavailableProblemToRetry() throws Exception {
        HttpResponse<String> response = get("/stored", TestTokens.anyUser());

        assertProblem(response, "service-unavailable", 503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(response.body()).doesNotContain("HTTP request");
    }

    @Test
    void springErrorsGetStableTypes() throws Exception {
        HttpResponse<String> nowhere = get("/nowhere", TestTokens.anyUser());
        assertProblem(nowhere, "not-found", 404);
        assertThat(json.readTree(nowhere.body()).get("detail").asString()).isEqualTo("Nothing is served at this path.");
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(uri("/me"))
                .header("Authorization", "Bearer " + TestTokens.anyUser())
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(wrongMethod, "method-not-allowed", 405);
    }

    @Test
    void whatTheContainerRefusesIsAProblemToo() throws Exception {
        String token = TestTokens.anyUser();
        assertRawProblem(raw("GET /me HTTP/1.1", "Authorization: Bearer " + token, "X-Big: " + "a".repeat(9 * 1024)),
                400, "malformed-request");
        assertRawProblem(raw("GET /me%00 HTTP/1.1", "Authorization: Bearer " + token), 400, "malformed-request");
        assertRawProblem(raw("GET /" + "a".repeat(10_000) + " HTTP/1.1", "Authorization: Bearer " + token), 400,
                "malformed-request");
        assertRawProblem(raw("TRACE /me HTTP/1.1", "Authorization: Bearer " + token), 405, "method-not-allowed");
        assertRawProblem(raw("GET /public%00/ping HTTP/1.1"), 400, "malformed-request");
    }

    @Test
    void aPathTheFirewallRejectsIsMalformedEvenWithAValidToken() throws Exception {
        String token = TestTokens.anyUser();
        for (String path : new String[] {"/me;jsessionid=1", "/public/%252e%252e/me", "/public/..%252fme",
                "/me%2f..%2fboom"}) {
            assertRawProblem(raw("GET " + path + " HTTP/1.1", "Authorization: Bearer " + token), 400,
                    "malformed-request");
        }
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFound() throws Exception {
        assertProblem(get("/error", TestTokens.anyUser()), "not-found", 404);
    }

    @Test
    void theCallersTraceIsContinuedOrANewOneStarted() throws Exception {
        String incoming = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        HttpResponse<String> continued = http.send(HttpRequest.newBuilder(uri("/public/ping"))
                .header("traceparent", incoming).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> started = get("/public/ping", null);

        assertThat(continued.headers().firstValue("traceparent")).hasValueSatisfying(value -> assertThat(value)
                .matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01")
                .isNotEqualTo(incoming));
        assertThat(started.headers().firstValue("traceparent")).hasValueSatisfying(value -> assertThat(value)
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain("0af7651916cd43dd8448eb211c80319c"));
    }

    @Test
    void aRequestFromTheInternetStartsATraceOfItsOwnWhateverContextItBrings() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        HttpResponse<String> forwarded = http.send(HttpRequest.newBuilder(uri("/public/ping"))
                .header("X-Forwarded-For", "203.0.113.7")
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-00")
                .header("b3", traceId + "-b7ad6b7169203331-0")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        // A trace id of its own, sampled as this service decides (every request here), not as the client said.
        assertThat(forwarded.headers().firstValue("traceparent")).hasValueSatisfying(value -> assertThat(value)
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain(traceId));
    }

    @Test
    void healthAndMetricsAreServedOnTheManagementPortWithoutAToken() throws Exception {
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/health/dependencies").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void theServicePortServesNoManagementEndpointOnlyTheReadinessStatusForTheLoadBalancer() throws Exception {
        assertProblem(get("/actuator/prometheus", null), "unauthorized", 401);
        assertProblem(get("/actuator/health", null), "unauthorized", 401);
        assertProblem(get("/actuator/prometheus", TestTokens.anyUser()), "not-found", 404);
        HttpResponse<String> ready = get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ready.body()).propertyNames()).containsExactly("status");
    }

    @Test
    void latencyHistogramsAndTheDependenciesGaugeArePublished() throws Exception {
        get("/public/ping", null);

        String metrics = management("/actuator/prometheus").body();

        assertThat(metrics).contains("http_server_requests_seconds_bucket{");
        assertThat(metrics.lines().filter(line -> line.startsWith("framesmith_dependencies_up ")))
                .containsExactly("framesmith_dependencies_up 1.0");
    }

    @Test
    void publicPathsNeedNoToken() throws Exception {
        HttpResponse<String> response = get("/public/ping", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
    }

    @Test
    void theApiDocumentDescribesEveryErrorAsAProblem() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(response.body());
        JsonNode problem = doc.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "errors", "retryAfterSeconds");
        assertThat(problem.path("properties").path("errors").path("items").path("properties").propertyNames())
                .containsExactly("field", "message");

        JsonNode greet = doc.path("paths").path("/greetings").path("post").path("responses");
        assertThat(greet.propertyNames()).contains("200", "400", "401", "500");
        assertThat(greet.path("400").path("description").asString()).contains("`validation`");
        assertThat(problemSchemaOf(greet.path("400"))).isEqualTo(PROBLEM_SCHEMA);
        assertThat(greet.path("200").path("content").has("application/problem+json")).isFalse();
        assertThat(problemSchemaOf(doc.path("paths").path("/conflict").path("get").path("responses").path("409")))
                .isEqualTo(PROBLEM_SCHEMA);
    }

    @Test
    void theApiDocumentAddsTheProblemsOfTokensAndUsers() throws Exception {
        JsonNode doc = json.readTree(get("/v3/api-docs", null).body());

        JsonNode bearer = doc.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");

        JsonNode me = doc.path("paths").path("/me").path("get");
        assertThat(me.path("responses").propertyNames()).containsExactly("200", "401", "403", "500", "503");
        assertThat(me.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(me.path("parameters").toString()).doesNotContain("userId");
        for (String code : new String[] {"401", "403", "500", "503"}) {
            assertThat(problemSchemaOf(me.path("responses").path(code))).as(code).isEqualTo(PROBLEM_SCHEMA);
        }
        assertThat(me.path("responses").path("401").path("description").asString()).contains("`unauthorized`");
        assertThat(me.path("responses").path("403").path("description").asString()).contains("`forbidden`");
        assertThat(me.path("responses").path("500").path("description").asString()).contains("`internal-error`");
        assertThat(me.path("responses").path("503").path("description").asString())
                .contains("`service-unavailable`").contains("Retry-After");

        JsonNode internal = doc.path("paths").path("/internal").path("get");
        assertThat(internal.path("responses").propertyNames()).contains("401", "403", "500");
        assertThat(internal.path("responses").path("403").path("description").asString())
                .isEqualTo("The token does not allow this operation (`forbidden`)");

        assertThat(doc.path("paths").path("/uploads").path("post").path("responses").path("403").path("description")
                .asString()).contains("`forbidden`").contains("`email-not-verified`");

        JsonNode ping = doc.path("paths").path("/public/ping").path("get");
        assertThat(ping.has("security")).isFalse();
        assertThat(ping.path("responses").propertyNames()).contains("200", "500").doesNotContain("401");
    }

    private static String problemSchemaOf(JsonNode response) {
        return response.path("content").path("application/problem+json").path("schema").path("$ref").asString();
    }

    private void assertProblem(HttpResponse<String> response, String slug, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertProblem(response, slug);
    }

    private void assertProblem(HttpResponse<String> response, String slug) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("type").asString()).isEqualTo(PROBLEMS + slug);
        assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
    }

    /** A response read off a socket: for requests an HTTP client library would refuse to send. */
    private record RawResponse(int status, String contentType, String body) {
    }

    private RawResponse raw(String requestLine, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headerEnd);
            String contentType = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).strip()).findFirst().orElse("");
            String body = response.substring(headerEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
            }
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), contentType, body);
        }
    }

    private void assertRawProblem(RawResponse response, int status, String slug) throws Exception {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("type").asString()).isEqualTo(PROBLEMS + slug);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(path, TestTokens.anyUser(), body);
    }

    private HttpResponse<String> send(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> management(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
