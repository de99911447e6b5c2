package dev.framesmith.auth.account;

import dev.framesmith.auth.ratelimit.TooMany;
import dev.framesmith.auth.user.User;
import dev.framesmith.auth.user.Users;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Confirms an address with the token from its e-mail, and sends the e-mail again on request. */
@Service
class EmailVerification {

    private static final Logger log = LoggerFactory.getLogger(EmailVerification.class);

    private final AccountTokens tokens;
    private final AccountEmails emails;
    private final Users users;
    private final Clock clock;

    EmailVerification(AccountTokens tokens, AccountEmails emails, Users users, Clock clock) {
        this.tokens = tokens;
        this.emails = emails;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Confirms the user's address with the token of the verification e-mail sent to it. Only in a session of that
     * user: whoever confirms must know the password as well as read the mailbox, so that the owner of an address
     * someone else registered does not, by clicking the link, confirm an account whose password that registrant
     * knows (the owner takes the account over with a password reset instead).
     *
     * @throws dev.framesmith.support.web.ProblemException {@code invalid-link} (400), also for a token of another
     *                                                     account (which stays usable by that account)
     */
    @Transactional
    void verify(UUID userId, String token) {
        tokens.consume(token, AccountTokens.Purpose.VERIFY_EMAIL, userId, clock.instant())
                .orElseThrow(AccountProblems::invalidLink);
        boolean first = users.markEmailVerified(userId, clock.instant());
        try (MDC.MDCCloseable context = MDC.putCloseable("userId", userId.toString())) {
            log.info(first ? "E-mail address confirmed" : "E-mail address confirmed again");
        }
    }

    /**
     * @throws dev.framesmith.support.web.ProblemException {@code email-already-verified} (409) or
     *                                                     {@code too-many-requests} (429)
     */
    @Transactional
    void resend(User user) {
        if (user.emailVerified()) {
            throw AccountProblems.alreadyVerified();
        }
        emails.sendVerification(user).ifPresent(retryAfter -> {
            throw TooMany.requests(retryAfter);
        });
    }
}
