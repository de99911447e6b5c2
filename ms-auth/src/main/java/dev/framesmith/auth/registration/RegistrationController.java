package dev.framesmith.auth.registration;

import dev.framesmith.auth.ratelimit.AddressLimit;
import dev.framesmith.auth.ratelimit.LimitedPerClientAddress;
import dev.framesmith.auth.user.EmailAddress;
import dev.framesmith.auth.user.EmailAddresses;
import dev.framesmith.auth.user.PasswordLength;
import dev.framesmith.auth.user.PersonName;
import dev.framesmith.auth.user.User;
import dev.framesmith.auth.user.UserProfile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Registration", description = "Create an account")
class RegistrationController {

    private static final URI PROFILE = URI.create("/auth/me");

    private final Registrations registrations;

    RegistrationController(Registrations registrations) {
        this.registrations = registrations;
    }

    @PostMapping(path = "/auth/register", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @LimitedPerClientAddress(AddressLimit.REGISTRATION)
    @Operation(summary = "Register an account", description = "The account can log in at once; uploads need the "
            + "e-mail address confirmed with the link of the verification e-mail sent now.")
    @ApiResponse(responseCode = "201", description = "The account was created",
            headers = @Header(name = "Location", description = "`/auth/me`, the profile of the token's user"))
    @ApiResponse(responseCode = "400", description = "Invalid fields, each listed in `errors` (`validation`), "
            + "or unreadable JSON (`malformed-request`)")
    @ApiResponse(responseCode = "409", description = "The e-mail address is registered already (`email-taken`)")
    @ApiResponse(responseCode = "413", description = "Body larger than 16 kB (`payload-too-large`)")
    @ApiResponse(responseCode = "415", description = "Not JSON (`unsupported-media-type`)")
    ResponseEntity<UserProfile> register(@Valid @RequestBody RegistrationRequest request) {
        User user = registrations.register(EmailAddresses.normalize(request.email()), request.password(),
                request.name().strip());
        return ResponseEntity.created(PROFILE).body(UserProfile.of(user));
    }

    record RegistrationRequest(
            @Schema(description = "E-mail address; surrounding spaces are removed and it is lower-cased",
                    example = "ada@example.com", maxLength = EmailAddresses.MAX_LENGTH,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @EmailAddress String email,
            @Schema(description = "8 to 72 bytes in UTF-8, not only spaces", format = "password",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @PasswordLength String password,
            @Schema(description = "Display name, 1 to 100 characters, no control or text-direction characters",
                    example = "Ada Lovelace", maxLength = PersonName.MAX_LENGTH,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @PersonName String name) {

        @Override
        public String toString() {
            return "RegistrationRequest[email=" + email + ", name=" + name + "]";
        }
    }
}
