package dev.framesmith.auth.account;

import dev.framesmith.auth.ratelimit.AddressLimit;
import dev.framesmith.auth.ratelimit.LimitedPerClientAddress;
import dev.framesmith.auth.user.Users;
import dev.framesmith.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Account", description = "Confirming the e-mail address and resetting a forgotten password")
class EmailVerificationController {

    private final EmailVerification verification;
    private final Users users;

    EmailVerificationController(EmailVerification verification, Users users) {
        this.verification = verification;
        this.users = users;
    }

    @PostMapping(path = "/auth/verify-email", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Confirm the e-mail address with the token from the verification e-mail",
            description = "The link in the e-mail opens the web page with the token after `#verify-email=`; the "
                    + "page sends it here with the account's own access token (logging in first when needed): an "
                    + "address is confirmed by someone who reads its mailbox and knows the account's password. A "
                    + "token works once. Tokens issued before the confirmation do not say so: refresh the access "
                    + "token (`POST /auth/refresh`) or log in again to upload.")
    @ApiResponse(responseCode = "200", description = "The address is confirmed")
    @ApiResponse(responseCode = "400", description = "No token, or an over-long one (`validation`); a token that "
            + "is unknown, used, expired, replaced by a newer one or issued to another account (`invalid-link`); "
            + "unreadable JSON (`malformed-request`)")
    @ApiResponse(responseCode = "401", description = "No valid access token (`unauthorized`)")
    Verified verify(CurrentUser user, @Valid @RequestBody TokenRequest request) {
        verification.verify(users.current(user).id(), request.token());
        return new Verified(true);
    }

    @PostMapping(path = "/auth/verify-email/resend", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @LimitedPerClientAddress(AddressLimit.ACCOUNT_EMAILS)
    @Operation(summary = "Send the verification e-mail again",
            description = "A new link; the previous one stops working. At most 5 per account in 24 hours, the one "
                    + "sent at registration included.")
    @ApiResponse(responseCode = "202", description = "The e-mail is on its way")
    @ApiResponse(responseCode = "404", description = "The account no longer exists (`not-found`)")
    @ApiResponse(responseCode = "409", description = "The address is confirmed already (`email-already-verified`)")
    void resend(CurrentUser user) {
        verification.resend(users.current(user));
    }

    record TokenRequest(
            @Schema(description = "The token from the link", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "is required")
            @Size(max = AccountTokens.MAX_TOKEN_LENGTH, message = "must be at most 128 characters") String token) {

        @Override
        public String toString() {
            return "TokenRequest[token=(hidden)]";
        }
    }

    record Verified(@Schema(description = "Always true") boolean emailVerified) {
    }
}
