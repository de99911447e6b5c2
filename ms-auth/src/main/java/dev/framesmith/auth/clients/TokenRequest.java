package dev.framesmith.auth.clients;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/** The form of a token request (RFC 6749 §4.4.2); client credentials may instead come as HTTP Basic. */
@Schema(name = "ClientCredentialsRequest")
record TokenRequest(
        @Schema(allowableValues = "client_credentials", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("grant_type") @Nullable String grantType,
        @Schema(description = "Unless sent as HTTP Basic") @JsonProperty("client_id") @Nullable String clientId,
        @Schema(description = "Unless sent as HTTP Basic", format = "password") @JsonProperty("client_secret")
        @Nullable String clientSecret,
        @Schema(description = "Space-separated scopes; all the client's scopes when absent",
                example = "notifications:send") @Nullable String scope) {

    static final int MAX_VALUE_LENGTH = 1000;

    /**
     * Reads the form; a parameter sent twice or longer than 1000 characters is an {@code invalid-request}.
     */
    static TokenRequest of(MultiValueMap<String, String> form) {
        return new TokenRequest(single(form, "grant_type"), single(form, "client_id"), single(form, "client_secret"),
                single(form, "scope"));
    }

    private static @Nullable String single(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw TokenProblems.invalidRequest("The parameter " + name + " is repeated.");
        }
        String value = values.get(0);
        if (value.length() > MAX_VALUE_LENGTH) {
            throw TokenProblems.invalidRequest("The parameter " + name + " is too long.");
        }
        return value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", clientId=" + clientId + ", scope=" + scope + "]";
    }
}
