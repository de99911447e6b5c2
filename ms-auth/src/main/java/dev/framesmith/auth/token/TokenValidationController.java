package dev.framesmith.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.framesmith.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tokens")
class TokenValidationController {

    private final JwtDecoder decoder;

    TokenValidationController(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @PostMapping(path = "/auth/validate", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check a token issued by this service")
    @ApiResponse(responseCode = "200", description = "The token is valid")
    @ApiResponse(responseCode = "400", description = "No token, or an over-long one (`validation`), "
            + "or unreadable JSON (`malformed-request`)")
    @ApiResponse(responseCode = "401", description = "Malformed, expired, forged, or signed by another key "
            + "(`invalid-token`)")
    TokenValidation validate(@Valid @RequestBody TokenValidationRequest request) {
        Jwt jwt;
        try {
            jwt = decoder.decode(request.token().strip());
        } catch (JwtException e) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid token",
                    "The token is malformed, expired, or not signed by this service.");
        }
        return new TokenValidation(true, jwt.getSubject(), jwt.getClaimAsString("email"),
                jwt.getExpiresAt() == null ? 0 : jwt.getExpiresAt().getEpochSecond());
    }

    record TokenValidationRequest(
            @Schema(description = "A compact JWS", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "is required") @Size(max = 8192, message = "must be at most 8192 characters")
            String token) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenValidation(
            boolean valid,
            @Schema(description = "The user id, or the client id of a service token") String sub,
            @Schema(description = "The user's e-mail address; absent from service tokens") @Nullable String email,
            @Schema(description = "Expiry, seconds since the epoch") long exp) {
    }
}
