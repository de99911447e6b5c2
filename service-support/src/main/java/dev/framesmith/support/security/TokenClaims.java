package dev.framesmith.support.security;

/**
 * What ms-auth's access tokens carry besides the registered claims ({@code iss}, {@code sub}, {@code aud},
 * {@code iat}, {@code exp}), and the audiences it issues them for: one contract between the issuer and every
 * resource server.
 */
public final class TokenClaims {

    /** The user's e-mail address; only user tokens carry it. */
    public static final String EMAIL = "email";
    /** The user's display name. */
    public static final String NAME = "name";
    /** {@code true} once the user has confirmed the e-mail address (OpenID Connect's claim). */
    public static final String EMAIL_VERIFIED = "email_verified";
    /** The user's token version when the token was issued; a password reset raises it, which revokes older tokens. */
    public static final String TOKEN_VERSION = "token_version";
    /** When the user last gave their password (seconds since the epoch); a refresh keeps it. */
    public static final String AUTH_TIME = "auth_time";
    /** A service token's client. */
    public static final String CLIENT_ID = "client_id";
    /** A service token's granted scopes, space-separated. */
    public static final String SCOPE = "scope";

    /** The audience of user tokens: the public API (ms-video, ms-auth). */
    public static final String USER_AUDIENCE = "framesmith-api";
    /** The audience of service tokens: the internal APIs (ms-notify). */
    public static final String SERVICE_AUDIENCE = "framesmith-services";

    private TokenClaims() {
    }
}
