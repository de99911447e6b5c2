package dev.framesmith.auth.user;

import dev.framesmith.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
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
}
