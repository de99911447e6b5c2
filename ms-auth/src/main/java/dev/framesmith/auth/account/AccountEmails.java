package dev.framesmith.auth.account;

import dev.framesmith.auth.outbox.NotificationOutbox;
import dev.framesmith.auth.ratelimit.RateLimit;
import dev.framesmith.auth.ratelimit.RateLimitProperties;
import dev.framesmith.auth.ratelimit.RateLimiter;
import dev.framesmith.auth.user.User;
import dev.framesmith.contracts.NotificationRequested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account e-mails: a fresh single-use token, and the notification carrying it put in the outbox, both in the
 * caller's transaction. Each kind is limited per account ({@code framesmith.auth.rate-limits.verification-emails}
 * and {@code .password-reset-emails}). Only these two go to an address nobody has confirmed, and then they name
 * nobody: the account's name was typed by whoever registered the address, who may not own it.
 */
@Component
public class AccountEmails {

    private static final Logger log = LoggerFactory.getLogger(AccountEmails.class);

    private final AccountTokens tokens;
    private final NotificationOutbox outbox;
    private final RateLimiter limiter;
    private final RateLimitProperties limits;
    private final AccountProperties properties;
    private final Clock clock;

    AccountEmails(AccountTokens tokens, NotificationOutbox outbox, RateLimiter limiter, RateLimitProperties limits,
            AccountProperties properties, Clock clock) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.limiter = limiter;
        this.limits = limits;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends a new verification link; the previous one stops working.
     *
     * @return empty when it is on its way; how long until the account may have another one when it is over its limit
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Duration> sendVerification(User user) {
        return send(user, "verify-email", limits.verificationEmails(), properties.verificationTtl(),
                AccountTokens.Purpose.VERIFY_EMAIL);
    }

    /**
     * Sends a password-reset link, to an unconfirmed address too: setting a password with it proves the mailbox, so
     * the owner of an address someone else registered takes the account over with it. As {@link #sendVerification}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Duration> sendPasswordReset(User user) {
        return send(user, "reset-password", limits.passwordResetEmails(), properties.passwordResetTtl(),
                AccountTokens.Purpose.RESET_PASSWORD);
    }

    private Optional<Duration> send(User user, String bucket, RateLimit limit, Duration ttl,
            AccountTokens.Purpose purpose) {
        Optional<Duration> refused = limiter.tryAcquire(bucket, user.id().toString(), limit);
        Instant now = clock.instant();
        if (refused.isPresent()) {
            // Whoever asks for a reset may be the owner, after someone else spent the account's budget: while no
            // link is live one still goes out, so the owner always has or gets one, at most one per link lifetime.
            if (purpose != AccountTokens.Purpose.RESET_PASSWORD || tokens.hasLive(user.id(), purpose, now)) {
                log.warn("No {} e-mail: the account is over its limit", bucket);
                return refused;
            }
            log.warn("{} e-mail over the account's limit sent: no link of the account is live", bucket);
        }
        String token = tokens.issue(user.id(), purpose, now, ttl);
        Instant expires = now.plus(ttl);
        outbox.add(purpose == AccountTokens.Purpose.VERIFY_EMAIL
                ? NotificationRequested.verifyEmail(UUID.randomUUID(), now, user.email(), user.id().toString(), token,
                        expires)
                : NotificationRequested.resetPassword(UUID.randomUUID(), now, user.email(),
                        user.emailVerified() ? user.name() : null, user.id().toString(), token, expires));
        log.info("{} e-mail queued", bucket);
        return Optional.empty();
    }
}
