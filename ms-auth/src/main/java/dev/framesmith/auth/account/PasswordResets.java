package dev.framesmith.auth.account;

import dev.framesmith.auth.user.PasswordHasher;
import dev.framesmith.auth.user.PasswordReset;
import dev.framesmith.auth.user.User;
import dev.framesmith.auth.user.Users;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by e-mail. Asking for one answers the same whether or not the address has an account; an address
 * with an account gets a reset link, confirmed or not, an unknown one nothing. Setting the new password proves the
 * mailbox: it confirms the address and raises the user's token version, which revokes every token issued before. So
 * whoever registered someone else's address loses the account, password and sessions, to the address's owner the
 * moment the owner resets the password. The reset is published ({@link PasswordReset}), so that the address it was
 * made from counts as the owner's at login.
 */
@Service
class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final AccountTokens tokens;
    private final AccountEmails emails;
    private final Users users;
    private final PasswordHasher passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PasswordResets(AccountTokens tokens, AccountEmails emails, Users users, PasswordHasher passwords,
            ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.emails = emails;
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    /** @param email the normalised address */
    @Transactional
    void request(String email) {
        users.findByEmail(email).ifPresentOrElse(user -> {
            try (MDC.MDCCloseable context = MDC.putCloseable("userId", user.id().toString())) {
                emails.sendPasswordReset(user);
            }
        }, () -> log.info("Password reset asked for an address without an account"));
    }

    /**
     * Sets a new password with the token from the e-mail. The token is checked before the password is hashed, so a
     * wrong token costs no bcrypt work. A reset that confirms the address for the first time hands the account to
     * the mailbox's owner: the name typed at registration goes ({@link User#UNNAMED}; the owner may choose one).
     *
     * @param address the client's network address
     * @throws dev.framesmith.support.web.ProblemException {@code invalid-link} (400)
     */
    @Transactional
    void reset(String token, String password, String address) {
        Instant now = clock.instant();
        UUID userId = tokens.consume(token, AccountTokens.Purpose.RESET_PASSWORD, now)
                .orElseThrow(AccountProblems::invalidLink);
        int version = users.replacePassword(userId, passwords.hash(password));
        boolean confirmed = users.markEmailVerified(userId, now);
        if (confirmed) {
            // The reset proved the mailbox, not who typed the name at registration: it may be a stranger's text.
            users.rename(userId, User.UNNAMED);
        }
        events.publishEvent(new PasswordReset(userId, address, now));
        try (MDC.MDCCloseable context = MDC.putCloseable("userId", userId.toString())) {
            log.info(confirmed ? "Password reset and e-mail address confirmed; tokens before version {} are revoked"
                    : "Password reset; tokens before version {} are revoked", version);
        }
    }
}
