package dev.framesmith.auth.login;

import dev.framesmith.auth.ratelimit.TooMany;
import dev.framesmith.auth.token.AccessToken;
import dev.framesmith.auth.token.AccessTokens;
import dev.framesmith.auth.user.PasswordHasher;
import dev.framesmith.auth.user.PasswordReset;
import dev.framesmith.auth.user.User;
import dev.framesmith.auth.user.Users;
import dev.framesmith.support.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks an e-mail address and password, protected without locking the account's owner out:
 * <ul>
 *   <li>one account from one client address: a few free failures, then a wait that doubles with each failure;</li>
 *   <li>one client address across accounts: a fixed number of failures per window;</li>
 *   <li>one account across client addresses (a distributed guess): a slower budget, which does not apply at the
 *       addresses the account has logged in from before, so its owner still gets in from home, nor at an address
 *       a password reset was completed from, so an owner on a new network gets in by proving the mailbox.</li>
 * </ul>
 * An unknown address and a wrong password give the same answer after the same bcrypt work, and unknown addresses
 * are throttled like known ones.
 */
@Service
class Logins {

    static final String INVALID_CREDENTIALS = "invalid-credentials";
    static final String TOO_MANY_ATTEMPTS = "too-many-attempts";

    private static final Logger log = LoggerFactory.getLogger(Logins.class);

    private final Users users;
    private final PasswordHasher passwords;
    private final AccessTokens tokens;
    private final LoginFailures failures;
    private final KnownAddresses knownAddresses;
    private final LoginProperties properties;
    private final LoginMetrics metrics;
    private final Clock clock;

    Logins(Users users, PasswordHasher passwords, AccessTokens tokens, LoginFailures failures,
            KnownAddresses knownAddresses, LoginProperties properties, LoginMetrics metrics, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.failures = failures;
        this.knownAddresses = knownAddresses;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param email   the normalised e-mail address
     * @param address the client's network address
     * @throws ProblemException {@code invalid-credentials} (401) or {@code too-many-attempts} (429)
     */
    AccessToken login(String email, String password, String address) {
        Instant now = clock.instant();
        long attempt = failures.record(email, address, now);
        Optional<Instant> refusedUntil = refusedUntil(email, address, now, attempt);
        if (refusedUntil.isPresent()) {
            failures.forget(attempt);
            metrics.locked();
            log.warn("Login refused: too many failed attempts for this account or client address");
            throw tooManyAttempts(Duration.between(now, refusedUntil.get()));
        }
        Optional<User> user = users.findByEmail(email);
        if (!passwords.matches(password, user.map(User::passwordHash).orElse(null))) {
            metrics.invalid();
            log.info("Login failed: invalid credentials");
            throw invalidCredentials();
        }
        User found = user.orElseThrow();
        failures.succeeded(email, address, attempt);
        knownAddresses.rememberLogin(found.id(), found.passwordHash(), address, now, properties.maxKnownAddresses());
        if (passwords.isOutdated(found.passwordHash())) {
            users.updatePasswordHash(found.id(), found.passwordHash(), passwords.hash(password));
        }
        metrics.success();
        try (MDC.MDCCloseable userId = MDC.putCloseable("userId", found.id().toString())) {
            log.info("User logged in");
        }
        return tokens.forUser(found);
    }

    /**
     * Whoever completed a password reset holds the mailbox: the client address it was completed from becomes the
     * account's only own one, in the reset's transaction; those of whoever used the account before are forgotten.
     */
    @EventListener
    void passwordReset(PasswordReset reset) {
        knownAddresses.replaceWith(reset.userId(), reset.clientAddress(), reset.at());
    }

    /** The latest of the three limits' ends, when any of them refuses the attempt now. */
    private Optional<Instant> refusedUntil(String email, String address, Instant now, long attempt) {
        LoginFailures.PairFailures pair = failures.ofPair(email, address, now.minus(properties.failureWindow()),
                attempt);
        Optional<Instant> pairWait = pair.latest()
                .map(latest -> latest.plus(properties.delayAfter(pair.count())))
                .filter(until -> pair.count() >= properties.freeFailures() && until.isAfter(now));
        Optional<Instant> addressLimit = failures.addressOpensAt(address, properties.perAddress().max(),
                properties.perAddress().window(), now, attempt);
        Optional<Instant> accountBudget = knownAddresses.isKnown(email, address,
                now.minus(properties.knownAddressTtl())) ? Optional.empty()
                : failures.accountOpensAt(email, properties.perAccount().max(), properties.perAccount().window(), now,
                        attempt);
        return Stream.of(pairWait, addressLimit, accountBudget)
                .flatMap(Optional::stream)
                .max(Instant::compareTo);
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS, "Invalid credentials",
                "The e-mail address or the password is wrong.");
    }

    static ProblemException tooManyAttempts(Duration retryAfter) {
        return TooMany.problem(TOO_MANY_ATTEMPTS, "Too many attempts",
                "Too many failed logins. Try again in %d seconds.", retryAfter);
    }
}
