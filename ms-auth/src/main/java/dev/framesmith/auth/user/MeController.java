package dev.framesmith.auth.user;

import dev.framesmith.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Users", description = "The signed-in user's account")
class MeController {

    private final Users users;

    MeController(Users users) {
        this.users = users;
    }

    @GetMapping(path = "/auth/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The signed-in user's profile")
    @ApiResponse(responseCode = "200", description = "The profile")
    @ApiResponse(responseCode = "404", description = "The account no longer exists (`not-found`)")
    UserProfile me(CurrentUser user) {
        return UserProfile.of(users.current(user));
    }

    @PatchMapping(path = "/auth/me", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change the signed-in user's display name", description = "Tokens issued from now on (a "
            + "log-in, a refresh) carry the new name; so do the e-mails about videos uploaded with them.")
    @ApiResponse(responseCode = "200", description = "The profile with its new name")
    @ApiResponse(responseCode = "400", description = "An invalid name (`validation`) or unreadable JSON "
            + "(`malformed-request`)")
    @ApiResponse(responseCode = "404", description = "The account no longer exists (`not-found`)")
    UserProfile rename(CurrentUser user, @Valid @RequestBody NameChange change) {
        User current = users.current(user);
        users.rename(current.id(), change.name().strip());
        return UserProfile.of(users.current(user));
    }

    record NameChange(
            @Schema(description = "Display name, 1 to 100 characters, no control or text-direction characters",
                    example = "Ada Lovelace", maxLength = PersonName.MAX_LENGTH,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @PersonName String name) {
    }
}
