package dev.framesmith.auth.user;

import java.time.Instant;
import java.util.UUID;

/** A registered user as stored: the e-mail address is already normalised, the password only as a bcrypt hash. */
public record User(UUID id, String email, String name, String passwordHash, Instant createdAt) {
}
