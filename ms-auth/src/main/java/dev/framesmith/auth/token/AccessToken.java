package dev.framesmith.auth.token;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

/** A signed access token and how many seconds it stays valid. */
public record AccessToken(String value, long expiresInSeconds) {

    /** The answer carrying a user token, never to be cached. */
    public ResponseEntity<UserToken> response() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(new UserToken(value, "Bearer", expiresInSeconds));
    }

    @Override
    public String toString() {
        return "AccessToken[expiresInSeconds=" + expiresInSeconds + "]";
    }

    /** A user token as the login and refresh endpoints answer it. */
    public record UserToken(
            @Schema(description = "RS256 JWT for `Authorization: Bearer`") String accessToken,
            @Schema(example = "Bearer") String tokenType,
            @Schema(description = "Seconds until the token expires", example = "900") long expiresIn) {

        @Override
        public String toString() {
            return "UserToken[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
        }
    }
}
