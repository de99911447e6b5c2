package dev.framesmith.auth.clients;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framesmith.auth.ratelimit.AddressLimit;
import dev.framesmith.auth.ratelimit.LimitedPerClientAddress;
import dev.framesmith.auth.token.AccessToken;
import dev.framesmith.auth.token.AccessTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The OAuth 2.0 token endpoint, for the client-credentials grant only (RFC 6749 §4.4). */
@RestController
@Tag(name = "Tokens")
class TokenEndpointController {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpointController.class);
    private static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final Pattern SCOPE_TOKEN = Pattern.compile(ClientProperties.SCOPE_TOKEN);
    /** bcrypt reads at most 72 bytes: a longer secret was never issued. */
    private static final int MAX_SECRET_BYTES = 72;

    private final ServiceClients clients;
    private final AccessTokens tokens;

    TokenEndpointController(ServiceClients clients, AccessTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @LimitedPerClientAddress(AddressLimit.TOKEN)
    @Operation(summary = "Issue a service token (client-credentials grant)",
            description = "Client credentials go in the form (`client_id`, `client_secret`) or as HTTP Basic, "
                    + "not both. Errors are problem details that also carry RFC 6749's `error` code.",
            security = @SecurityRequirement(name = "client"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                            schema = @Schema(implementation = TokenRequest.class))))
    @ApiResponse(responseCode = "200", description = "A service token")
    @ApiResponse(responseCode = "400", description = "Missing or repeated parameter, or parameters in the URL "
            + "(`invalid-request`), "
            + "a grant other than client_credentials (`unsupported-grant-type`), "
            + "or a scope the client may not have (`invalid-scope`)")
    @ApiResponse(responseCode = "401", description = "Unknown client or wrong secret (`invalid-client`)")
    @ApiResponse(responseCode = "413", description = "Body larger than 16 kB (`payload-too-large`)")
    @ApiResponse(responseCode = "415", description = "Not a form (`unsupported-media-type`)")
    ResponseEntity<TokenResponse> token(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> form,
            @Parameter(hidden = true) @Nullable BasicCredentials basic, HttpServletRequest http) {
        if (http.getQueryString() != null) {
            throw TokenProblems.invalidRequest("Send the parameters in the request body, not in the URL.");
        }
        TokenRequest request = TokenRequest.of(form);
        if (request.grantType() == null) {
            throw TokenProblems.invalidRequest("The parameter grant_type is required.");
        }
        if (!CLIENT_CREDENTIALS.equals(request.grantType())) {
            throw TokenProblems.unsupportedGrantType();
        }
        Credentials credentials = credentials(request, basic);
        ServiceClients.ServiceClient client = clients.authenticate(credentials.id(), credentials.secret())
                .orElseThrow(() -> {
                    log.info("Client authentication failed");
                    return TokenProblems.invalidClient(credentials.basic());
                });
        Set<String> granted = grantedScopes(client, request.scope());
        AccessToken token = tokens.forClient(client.id(), granted);
        log.info("Service token issued to client {} for scopes {}", client.id(), granted);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(new TokenResponse(token.value(), "Bearer", token.expiresInSeconds(), String.join(" ", granted)));
    }

    private static Credentials credentials(TokenRequest request, @Nullable BasicCredentials basic) {
        boolean inForm = request.clientId() != null || request.clientSecret() != null;
        Credentials credentials;
        if (basic != null) {
            if (inForm) {
                throw TokenProblems.invalidRequest("Send the client credentials either as HTTP Basic or in the "
                        + "form, not both.");
            }
            credentials = new Credentials(basic.id(), basic.secret(), true);
        } else {
            credentials = new Credentials(request.clientId(), request.clientSecret(), false);
        }
        if (credentials.id() == null || credentials.secret() == null
                || credentials.secret().getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
            throw TokenProblems.invalidClient(credentials.basic());
        }
        return credentials;
    }

    private static Set<String> grantedScopes(ServiceClients.ServiceClient client, @Nullable String scope) {
        if (scope == null || scope.isBlank()) {
            return client.scopes();
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.strip().split(" +")));
        boolean allowed = requested.stream()
                .allMatch(token -> SCOPE_TOKEN.matcher(token).matches() && client.scopes().contains(token));
        if (!allowed) {
            throw TokenProblems.invalidScope();
        }
        return requested;
    }

    private record Credentials(@Nullable String id, @Nullable String secret, boolean basic) {

        @Override
        public String toString() {
            return "Credentials[id=" + id + ", basic=" + basic + "]";
        }
    }

    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
            @JsonProperty("expires_in") @Schema(example = "3600") long expiresIn,
            @Schema(description = "The granted scopes, space-separated", example = "notifications:send")
            String scope) {

        @Override
        public String toString() {
            return "TokenResponse[tokenType=" + tokenType + ", scope=" + scope + "]";
        }
    }
}
