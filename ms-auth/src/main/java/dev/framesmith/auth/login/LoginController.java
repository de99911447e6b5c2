package dev.framesmith.auth.login;

import dev.framesmith.auth.token.AccessToken;
import dev.framesmith.auth.user.EmailAddress;
import dev.framesmith.auth.user.EmailAddresses;
import dev.framesmith.auth.user.PasswordLength;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Login", description = "Exchange an e-mail address and password for an access token")
class LoginController {

    private final Logins logins;
    private final ClientAddresses addresses;

    LoginController(Logins logins, ClientAddresses addresses) {
        this.logins = logins;
        this.addresses = addresses;
    }

    @PostMapping(path = "/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Log in", description = "After 5 failures for one e-mail address, or 20 from one client "
            + "address, within 15 minutes, logins are refused until the oldest of them is 15 minutes old.")
    @ApiResponse(responseCode = "200", description = "An access token")
    @ApiResponse(responseCode = "400", description = "Missing or invalid fields (`validation`), "
            + "or unreadable JSON (`malformed-request`)")
    @ApiResponse(responseCode = "401", description = "Unknown e-mail address or wrong password "
            + "(`invalid-credentials`), the same answer for both")
    @ApiResponse(responseCode = "413", description = "Body larger than 16 kB (`payload-too-large`)")
    @ApiResponse(responseCode = "415", description = "Not JSON (`unsupported-media-type`)")
    @ApiResponse(responseCode = "429", description = "Too many failed attempts (`too-many-attempts`)",
            headers = @Header(name = "Retry-After", description = "Seconds until logins are accepted again",
                    schema = @Schema(type = "integer")))
    ResponseEntity<LoginResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        AccessToken token = logins.login(EmailAddresses.normalize(request.email()), request.password(),
                addresses.of(http));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(new LoginResponse(token.value(), "Bearer", token.expiresInSeconds()));
    }

    record LoginRequest(
            @Schema(example = "ada@example.com", requiredMode = Schema.RequiredMode.REQUIRED)
            @EmailAddress String email,
            @Schema(format = "password", requiredMode = Schema.RequiredMode.REQUIRED)
            @PasswordLength(min = 1) String password) {

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + "]";
        }
    }

    record LoginResponse(
            @Schema(description = "RS256 JWT for `Authorization: Bearer`") String accessToken,
            @Schema(example = "Bearer") String tokenType,
            @Schema(description = "Seconds until the token expires", example = "3600") long expiresIn) {

        @Override
        public String toString() {
            return "LoginResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
        }
    }
}
