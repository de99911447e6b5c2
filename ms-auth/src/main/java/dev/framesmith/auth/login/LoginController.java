package dev.framesmith.auth.login;

import dev.framesmith.auth.ratelimit.ClientAddresses;
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
    @Operation(summary = "Log in", description = "Failed logins slow down: for one account from one client address "
            + "after 3 failures a wait that doubles with each failure (1 s, 2 s, 4 s, ... at most 15 minutes); 20 "
            + "failures from one client address within 15 minutes; 100 failures for one account within 24 hours, "
            + "except from addresses the account has logged in from, or completed a password reset from, in the "
            + "last 30 days (a reset keeps only its own). Refused attempts do not count. An unconfirmed account may "
            + "log in; its token says `email_verified: false`.")
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
    ResponseEntity<AccessToken.UserToken> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return logins.login(EmailAddresses.normalize(request.email()), request.password(), addresses.of(http))
                .response();
    }

    record LoginRequest(
            @Schema(example = "ada@example.com", requiredMode = Schema.RequiredMode.REQUIRED)
            @EmailAddress String email,
            @Schema(format = "password", requiredMode = Schema.RequiredMode.REQUIRED)
            @PasswordLength(min = 1, allowInvisible = true) String password) {

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + "]";
        }
    }

}
