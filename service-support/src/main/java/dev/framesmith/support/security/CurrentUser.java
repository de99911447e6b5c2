package dev.framesmith.support.security;

/**
 * The user behind a request's access token. Declare it as a controller method parameter; requests
 * carrying a service token (no user) are refused with 403.
 */
public record CurrentUser(String userId, String email, String name) {
}
