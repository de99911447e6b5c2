package dev.framesmith.video.support;

import dev.framesmith.testsupport.TestTokens;
import java.util.Arrays;
import java.util.List;

/** Tokens ms-video refuses with 401: none, expired, forged, garbage, a service's, and a user's for another API. */
public final class Tokens {

    private Tokens() {
    }

    /** The refused tokens for this user; {@code null} stands for no token at all. */
    public static List<String> refused(String userId) {
        String email = "ada@example.com";
        return Arrays.asList(null, TestTokens.expiredUser(userId, email, "Ada"),
                TestTokens.forgedUser(userId, email, "Ada"), "not.a.jwt",
                TestTokens.service("ms-notify", "notifications:send"),
                TestTokens.userFor("framesmith-elsewhere", userId, email, "Ada"));
    }
}
