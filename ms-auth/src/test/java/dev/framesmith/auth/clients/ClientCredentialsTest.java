package dev.framesmith.auth.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthIntegrationTest;
import dev.framesmith.auth.TestKeys;
import dev.framesmith.testsupport.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ClientCredentialsTest extends AuthIntegrationTest {

    private static final String GRANT = "client_credentials";

    @Test
    void aClientGetsAServiceTokenWithAllItsScopes() {
        Api.Response response = api.postForm("/auth/token", form("grant_type", GRANT,
                "client_id", TestKeys.CLIENT_ID, "client_secret", TestKeys.clientSecret()), null, null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().getCacheControl()).contains("no-store");
        JsonNode body = response.json();
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.path("scope").asString()).isEqualTo("notifications:send videos:read");
        String token = body.path("access_token").asString();
        assertThat(header(token).path("kid").asString()).isEqualTo(TestKeys.KEY_ID);
        JsonNode claims = claims(token);
        assertThat(claims.path("sub").asString()).isEqualTo(TestKeys.CLIENT_ID);
        assertThat(claims.path("client_id").asString()).isEqualTo(TestKeys.CLIENT_ID);
        assertThat(claims.path("scope").asString()).isEqualTo("notifications:send videos:read");
        assertThat(claims.path("iss").asString()).isEqualTo("framesmith");
        assertThat(claims.path("aud").toString()).as("only the internal APIs accept it")
                .isIn("\"framesmith-services\"", "[\"framesmith-services\"]");
        assertThat(claims.has("email")).isFalse();
        assertThat(claims.has("name")).isFalse();
    }

    @Test
    void httpBasicCredentialsAndAScopeSubset() {
        Api.Response response = api.postForm("/auth/token", form("grant_type", GRANT, "scope", "notifications:send"),
                TestKeys.CLIENT_ID, TestKeys.clientSecret());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("scope").asString()).isEqualTo("notifications:send");
        assertThat(claims(response.json().path("access_token").asString()).path("scope").asString())
                .isEqualTo("notifications:send");
    }

    @Test
    void aServiceTokenIsValidButBelongsToNoUser() {
        String token = serviceToken();

        assertProblem(api.get("/auth/me", token), 403, "forbidden");
        Api.Response validation = api.postJson("/auth/validate", Api.body("token", token));
        assertThat(validation.status()).isEqualTo(200);
        assertThat(validation.json().path("sub").asString()).isEqualTo(TestKeys.CLIENT_ID);
        assertThat(validation.json().has("email")).isFalse();
    }

    @Test
    void aWrongSecretOrAnUnknownClientIsAnInvalidClient() {
        Api.Response wrongSecret = api.postForm("/auth/token", form("grant_type", GRANT,
                "client_id", TestKeys.CLIENT_ID, "client_secret", "wrong"), null, null);
        Api.Response unknown = api.postForm("/auth/token", form("grant_type", GRANT,
                "client_id", "nobody", "client_secret", TestKeys.clientSecret()), null, null);
        Api.Response missing = api.postForm("/auth/token", form("grant_type", GRANT), null, null);
        Api.Response basic = api.postForm("/auth/token", form("grant_type", GRANT), TestKeys.CLIENT_ID, "wrong");

        for (Api.Response response : new Api.Response[] {wrongSecret, unknown, missing, basic}) {
            assertProblem(response, 401, "invalid-client");
            assertThat(response.json().path("error").asString()).isEqualTo("invalid_client");
            assertThat(response.json().has("access_token")).isFalse();
        }
        assertThat(basic.headers().getFirst("WWW-Authenticate")).isEqualTo("Basic realm=\"framesmith\"");
        assertThat(wrongSecret.json().path("detail")).isEqualTo(unknown.json().path("detail"));
    }

    @Test
    void onlyTheClientCredentialsGrantIsSupported() {
        Api.Response password = api.postForm("/auth/token", form("grant_type", "password",
                "username", "a@example.com", "password", "x"), TestKeys.CLIENT_ID, TestKeys.clientSecret());
        assertProblem(password, 400, "unsupported-grant-type");
        assertThat(password.json().path("error").asString()).isEqualTo("unsupported_grant_type");

        assertProblem(api.postForm("/auth/token", form("client_id", TestKeys.CLIENT_ID,
                "client_secret", TestKeys.clientSecret()), null, null), 400, "invalid-request");
    }

    @Test
    void scopesBeyondTheClientsAreRefused() {
        for (String scope : new String[] {"admin", "notifications:send admin", "' OR '1'='1", "videos:read\\x"}) {
            Api.Response response = api.postForm("/auth/token", form("grant_type", GRANT, "scope", scope),
                    TestKeys.CLIENT_ID, TestKeys.clientSecret());
            assertProblem(response, 400, "invalid-scope");
            assertThat(response.json().path("error").asString()).isEqualTo("invalid_scope");
        }
    }

    @Test
    void malformedRequestsAreRefused() {
        assertProblem(api.postForm("/auth/token", form("grant_type", GRANT, "client_id", TestKeys.CLIENT_ID,
                "client_secret", TestKeys.clientSecret()), TestKeys.CLIENT_ID, TestKeys.clientSecret()),
                400, "invalid-request");
        assertProblem(api.post("/auth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&grant_type=client_credentials"), 400, "invalid-request");
        assertProblem(api.postJson("/auth/token", Api.body("grant_type", GRANT)), 415, "unsupported-media-type");
        assertProblem(api.postForm("/auth/token?client_secret=" + TestKeys.clientSecret(),
                form("grant_type", GRANT, "client_id", TestKeys.CLIENT_ID), null, null), 400, "invalid-request");

        String huge = "x".repeat(10 * 1024);
        for (String field : new String[] {"grant_type", "client_id", "client_secret", "scope"}) {
            Map<String, String> form = form("grant_type", GRANT, "client_id", TestKeys.CLIENT_ID,
                    "client_secret", TestKeys.clientSecret());
            form.put(field, huge);
            assertProblem(api.postForm("/auth/token", form, null, null), 400, "invalid-request");
        }
        assertProblem(api.postForm("/auth/token", form("grant_type", GRANT, "client_id", "' OR '1'='1",
                "client_secret", "' OR '1'='1"), null, null), 401, "invalid-client");
    }

    private String serviceToken() {
        Api.Response response = api.postForm("/auth/token", form("grant_type", GRANT), TestKeys.CLIENT_ID,
                TestKeys.clientSecret());
        assertThat(response.status()).isEqualTo(200);
        return response.json().path("access_token").asString();
    }

    private static Map<String, String> form(String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return form;
    }
}
