package dev.framesmith.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new PasswordProperties(10));

    @Test
    void hashesWithTheConfiguredCostAndChecks() {
        String hash = hasher.hash("correct horse");

        assertThat(hash).startsWith("$2a$10$").hasSize(60);
        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("wrong horse", hash)).isFalse();
    }

    @Test
    void aMissingHashNeverMatches() {
        assertThat(hasher.matches("anything", null)).isFalse();
        assertThat(hasher.matches("", null)).isFalse();
    }

    @Test
    void hashesOfALowerCostAreOutdated() {
        assertThat(hasher.isOutdated(new PasswordHasher(new PasswordProperties(10)).hash("x"))).isFalse();
        assertThat(new PasswordHasher(new PasswordProperties(11)).isOutdated(hasher.hash("x"))).isTrue();
    }
}
