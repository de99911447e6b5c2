package dev.framesmith.auth.token;

import dev.framesmith.auth.user.User;
import dev.framesmith.auth.user.Users;
import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.security.TokenClaims;
import dev.framesmith.support.web.ProblemException;
import dev.framesmith.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tokens")
class RefreshController {

    static final String SESSION_EXPIRED = "session-expired";

    private final Users users;
    private final AccessTokens tokens;
    private final TokenProperties properties;
    private final Clock clock;

    RefreshController(Users users, AccessTokens tokens, TokenProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(path = "/auth/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange a valid user token for a fresh one",
            description = "The new token says what the account says now (a confirmed address, say). Refused for a "
                    + "token issued before a password reset, and once the password was given longer ago than "
                    + "`framesmith.auth.token.max-session` (12 hours): then log in again.")
    @ApiResponse(responseCode = "200", description = "A new access token")
    @ApiResponse(responseCode = "401", description = "No token, or an expired, forged, malformed or revoked one "
            + "(`unauthorized`); the session is older than the longest allowed (`session-expired`)")
    @ApiResponse(responseCode = "404", description = "The account no longer exists (`not-found`)")
    ResponseEntity<AccessToken.UserToken> refresh(CurrentUser user, @Parameter(hidden = true)
            @AuthenticationPrincipal Jwt jwt) {
        Instant authTime = authTime(jwt);
        if (authTime.plus(properties.maxSession()).isBefore(clock.instant())) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, SESSION_EXPIRED, "Session expired",
                    "Log in again: the session is older than a token may be refreshed.");
        }
        User current = users.current(user);
        // A password reset between the token's check and here: the token's version is no longer the account's.
        if (!(jwt.getClaim(TokenClaims.TOKEN_VERSION) instanceof Number version)
                || version.longValue() != current.tokenVersion()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Unauthorized",
                    "The token has been revoked: log in again.");
        }
        return tokens.forUser(current, authTime).response();
    }

    /** When the password was given; tokens from before the claim existed count from their issue. */
    private static Instant authTime(Jwt jwt) {
        Object claim = jwt.getClaim(TokenClaims.AUTH_TIME);
        if (claim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return jwt.getIssuedAt() == null ? Instant.EPOCH : jwt.getIssuedAt();
    }
}
