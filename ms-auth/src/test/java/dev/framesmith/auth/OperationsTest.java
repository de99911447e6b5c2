package dev.framesmith.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.JsonNode;

/** What operators and API clients rely on: probes, metrics, the API document, and problems for stray requests. */
class OperationsTest extends AuthIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    HealthEndpointGroups groups;

    private Api management() {
        return new Api(managementPort);
    }

    @Test
    void probesAreUpOnTheManagementPortAndTheDatabaseIsADependencyNotAReadinessCondition() {
        Api.Response readiness = management().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        Api.Response dependencies = management().get("/actuator/health/dependencies");
        assertThat(dependencies.status()).isEqualTo(200);
        assertThat(dependencies.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(dependencies.json().path("components").path("sqs").path("status").asString()).isEqualTo("UP");
        // A database outage must not take every pod out of the load balancer (JWKS and validation need no database).
        assertThat(groups.get("readiness").isMember("db")).isFalse();
        assertThat(groups.get("dependencies").isMember("db")).isTrue();
        assertThat(groups.get("readiness").isMember("sqs")).isFalse();
        assertThat(api.get("/readyz").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").status()).isIn(401, 404);

        Api.Response liveness = management().get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesRegistrationLoginAndOutboxMetrics() {
        String email = uniqueEmail();
        registered(email);
        tokenFor(email);
        login(email, "wrong");

        Api.Response response = management().get("/actuator/prometheus");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .containsPattern("(?m)^framesmith_auth_registrations_total\\{[^}]*} [1-9]")
                .containsPattern("(?m)^framesmith_auth_logins_total\\{[^}]*outcome=\"success\"[^}]*} [1-9]")
                .containsPattern("(?m)^framesmith_auth_logins_total\\{[^}]*outcome=\"invalid\"[^}]*} [1-9]")
                .containsPattern("(?m)^framesmith_auth_logins_total\\{[^}]*outcome=\"locked\"[^}]*} ")
                .containsPattern("(?m)^framesmith_auth_outbox_sent_total\\{[^}]*} ")
                .containsPattern("(?m)^framesmith_auth_outbox_failures_total\\{[^}]*} ")
                .containsPattern("(?m)^framesmith_auth_outbox_pending\\{[^}]*} ");
    }

    @Test
    void theApiDocumentListsEveryEndpointWithProblemResponses() {
        Api.Response response = api.get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().path("paths");
        Map<String, String> endpoints = Map.ofEntries(
                Map.entry("/auth/register", "post"),
                Map.entry("/auth/login", "post"),
                Map.entry("/auth/token", "post"),
                Map.entry("/auth/validate", "post"),
                Map.entry("/auth/refresh", "post"),
                Map.entry("/auth/me", "get"),
                Map.entry("/auth/verify-email", "post"),
                Map.entry("/auth/verify-email/resend", "post"),
                Map.entry("/auth/password-reset", "post"),
                Map.entry("/auth/password-reset/confirm", "post"),
                Map.entry("/auth/.well-known/jwks.json", "get"));
        endpoints.forEach((path, method) -> {
            JsonNode operation = paths.path(path).path(method);
            assertThat(operation.isObject()).as(path).isTrue();
            operation.path("responses").propertyStream()
                    .filter(response1 -> response1.getKey().startsWith("4"))
                    .forEach(error -> assertThat(error.getValue().path("content").has("application/problem+json"))
                            .as(path + " " + error.getKey()).isTrue());
        });
        assertThat(paths.path("/auth/register").path("post").path("responses").has("409")).isTrue();
        assertThat(paths.path("/auth/login").path("post").path("responses").has("429")).isTrue();
        assertThat(paths.path("/auth/me").path("get").path("responses").has("403")).isTrue();
        assertThat(paths.path("/auth/token").path("post").path("requestBody").path("content")
                .has("application/x-www-form-urlencoded")).isTrue();
        assertThat(response.json().path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(response.json().path("components").path("securitySchemes").has("client")).isTrue();
        assertThat(paths.path("/auth/me").path("get").path("security").toString()).contains("bearer");
        assertThat(paths.path("/auth/me").path("get").path("responses").has("401")).isTrue();
        assertThat(paths.path("/auth/token").path("post").path("security").toString())
                .contains("client").doesNotContain("bearer");
        assertThat(paths.path("/auth/login").path("post").has("security")).isFalse();
        for (String open : List.of("/auth/password-reset", "/auth/password-reset/confirm")) {
            assertThat(paths.path(open).path("post").has("security")).as(open).isFalse();
        }
        for (String user : List.of("/auth/refresh", "/auth/verify-email", "/auth/verify-email/resend")) {
            assertThat(paths.path(user).path("post").path("security").toString()).as(user).contains("bearer");
        }

        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void strayRequestsGetProblems() {
        String email = uniqueEmail();
        registered(email);
        String token = tokenFor(email);

        assertProblem(api.get("/auth/nothing-here", token), 404, "not-found");
        assertProblem(api.get("/auth/nothing-here"), 401, "unauthorized");
        for (String path : List.of("/auth/login", "/auth/token", "/auth/validate")) {
            assertProblem(api.get(path), 405, "method-not-allowed");
        }
    }
}
