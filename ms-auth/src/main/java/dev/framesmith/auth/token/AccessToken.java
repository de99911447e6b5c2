package dev.framesmith.auth.token;

/** A signed access token and how many seconds it stays valid. */
public record AccessToken(String value, long expiresInSeconds) {

    @Override
    public String toString() {
        return "AccessToken[expiresInSeconds=" + expiresInSeconds + "]";
    }
}
