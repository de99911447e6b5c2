package dev.framesmith.auth.account;

import dev.framesmith.auth.ratelimit.AddressLimit;
import dev.framesmith.auth.ratelimit.ClientAddresses;
import dev.framesmith.auth.ratelimit.LimitedPerClientAddress;
import dev.framesmith.auth.user.EmailAddress;
import dev.framesmith.auth.user.EmailAddresses;
import dev.framesmith.auth.user.PasswordLength;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Account")
class PasswordResetController {

    private final PasswordResets resets;
    private final ClientAddresses addresses;

    PasswordResetController(PasswordResets resets, ClientAddresses addresses) {
        this.resets = resets;
        this.addresses = addresses;
    }

    @PostMapping(path = "/auth/password-reset", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @LimitedPerClientAddress(AddressLimit.ACCOUNT_EMAILS)
    @Operation(summary = "Ask for a password-reset e-mail",
            description = "The same answer whether or not the address has an account. An address with an "
                    + "account, confirmed or not, gets a link to the web page with the token after "
                    + "`#reset-password=`, valid for 30 minutes. At most 5 reset e-mails per account in 24 hours.")
    @ApiResponse(responseCode = "202", description = "If the address has an account, an e-mail is on its way")
    @ApiResponse(responseCode = "400", description = "Not an e-mail address (`validation`), unreadable JSON "
            + "(`malformed-request`)")
    void request(@Valid @RequestBody ResetRequest request) {
        resets.request(EmailAddresses.normalize(request.email()));
    }

    @PostMapping(path = "/auth/password-reset/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a new password with the token from the reset e-mail",
            description = "The token works once, and proves the mailbox: an unconfirmed address is confirmed, and "
                    + "the client address the password is set from counts as one the account logged in from. Every "
                    + "access token issued before stops working at ms-auth at once and everywhere when it expires "
                    + "(at most `framesmith.auth.token.ttl`).")
    @ApiResponse(responseCode = "204", description = "The password is changed; log in with it")
    @ApiResponse(responseCode = "400", description = "Invalid fields (`validation`), a token that is unknown, used, "
            + "expired or replaced (`invalid-link`), unreadable JSON (`malformed-request`)")
    void reset(@Valid @RequestBody NewPassword request, HttpServletRequest http) {
        resets.reset(request.token(), request.password(), addresses.of(http));
    }

    record ResetRequest(
            @Schema(example = "ada@example.com", requiredMode = Schema.RequiredMode.REQUIRED)
            @EmailAddress String email) {
    }

    record NewPassword(
            @Schema(description = "The token from the link", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "is required")
            @Size(max = AccountTokens.MAX_TOKEN_LENGTH, message = "must be at most 128 characters") String token,
            @Schema(description = "8 to 72 bytes in UTF-8, not only spaces", format = "password",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @PasswordLength String password) {

        @Override
        public String toString() {
            return "NewPassword[token=(hidden)]";
        }
    }
}
