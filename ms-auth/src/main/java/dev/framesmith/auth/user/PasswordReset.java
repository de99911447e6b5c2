package dev.framesmith.auth.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A user set a new password with the link of a reset e-mail, which proves the mailbox, from {@code clientAddress}.
 * Published in the reset's transaction; login protection takes the address as the owner's.
 */
public record PasswordReset(UUID userId, String clientAddress, Instant at) {
}
