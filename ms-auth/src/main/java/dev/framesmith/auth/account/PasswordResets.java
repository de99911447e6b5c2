package dev.framesmith.auth.account;

import dev.framesmith.auth.user.PasswordHasher;
import dev.framesmith.auth.user.Users;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by e-mail. Asking for one answers the same whether or not the address has an account; a
 * confirmed address gets a reset link, an unconfirmed one a new verification link instead (nothing but the
 * verification goes to an address nobody has confirmed), an unknown one nothing. Setting the new password
 * raises the user's token version, which revokes every token issued before.
 */
@Service
class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final AccountTokens tokens;
    private final AccountEmails emails;
    private final Users users;
    private final PasswordHasher passwords;
    private final Clock clock;

    PasswordResets(AccountTokens tokens, AccountEmails emails, Users users, PasswordHasher passwords, Clock clock) {
        this.tokens = tokens;
        this.emails = emails;
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** @param email the normalised address */
    @Transactional
    void request(String email) {
        users.findByEmail(email).ifPresentOrElse(user -> {
            try (MDC.MDCCloseable context = MDC.putCloseable("userId", user.id().toString())) {
                if (user.emailVerified()) {
                    emails.sendPasswordReset(user);
                } else {
                    log.info("Password reset asked for an unconfirmed address: verification link sent instead");
                    emails.sendVerification(user);
                }
            }
        }, () -> log.info("Password reset asked for an address without an account"));
    }

    /**
     * Sets a new password with the token from the e-mail. The token is checked before the password is hashed, so a
     * wrong token costs no bcrypt work.
     *
     * @throws dev.framesmith.support.web.ProblemException {@code invalid-link} (400)
     */
    @Transactional
    void reset(String token, String password) {
        UUID userId = tokens.consume(token, AccountTokens.Purpose.RESET_PASSWORD, clock.instant())
                .orElseThrow(AccountProblems::invalidLink);
        int version = users.replacePassword(userId, passwords.hash(password));
        try (MDC.MDCCloseable context = MDC.putCloseable("userId", userId.toString())) {
            log.info("Password reset; tokens before version {} are revoked", version);
        }
    }
}
