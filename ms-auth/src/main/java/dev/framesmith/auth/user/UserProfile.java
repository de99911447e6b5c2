package dev.framesmith.auth.user;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** What a user may see of their own account. */
@Schema(name = "UserProfile", description = "A registered user")
public record UserProfile(
        @Schema(description = "User id, also the `sub` claim of the user's tokens") UUID id,
        @Schema(description = "E-mail address, trimmed and lower-cased", example = "ada@example.com") String email,
        @Schema(description = "Display name", example = "Ada Lovelace") String name,
        @Schema(description = "Whether the owner has confirmed the e-mail address; uploads need it")
        boolean emailVerified,
        @Schema(description = "When the account was created") Instant createdAt) {

    public static UserProfile of(User user) {
        return new UserProfile(user.id(), user.email(), user.name(), user.emailVerified(), user.createdAt());
    }
}
