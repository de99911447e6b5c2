package dev.framesmith.video.support;

import dev.framesmith.testsupport.TestTokens;
import java.util.UUID;

/** A user with a fresh id, and a valid token for them (their e-mail address confirmed). */
public record TestUser(String id, String email, String name, String token) {

    public static TestUser random() {
        String id = UUID.randomUUID().toString();
        String email = "user-" + id.substring(0, 8) + "@example.com";
        String name = "Test User " + id.substring(0, 4);
        return new TestUser(id, email, name, TestTokens.user(id, email, name));
    }

    /** The same user with a token saying the e-mail address is not confirmed yet. */
    public TestUser unverified() {
        return new TestUser(id, email, name, TestTokens.unverifiedUser(id, email, name));
    }
}
