package dev.framesmith.auth.login;

import dev.framesmith.auth.token.AccessToken;
import dev.framesmith.auth.token.AccessTokens;
import dev.framesmith.auth.user.PasswordHasher;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks an e-mail address and password, throttled per e-mail address and per client address.
 * An unknown address and a wrong password give the same answer after the same bcrypt work.
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
    private final LoginProperties.Lockout lockout;
    private final LoginMetrics metrics;
    private final Clock clock;

    Logins(Users users, PasswordHasher passwords, AccessTokens tokens, LoginFailures failures,
            LoginProperties properties, LoginMetrics metrics, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.failures = failures;
        this.lockout = properties.lockout();
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
        LoginFailures.Attempt attempt = failures.record(email, address, now);
        Optional<Instant> lockedUntil = Stream.of(
                        failures.lockedUntil(LoginFailures.EMAIL, email, lockout.maxFailuresPerEmail(),
                                lockout.window(), now, attempt.emailRow()),
                        failures.lockedUntil(LoginFailures.ADDRESS, address, lockout.maxFailuresPerAddress(),
                                lockout.window(), now, attempt.addressRow()))
                .flatMap(Optional::stream)
                .max(Instant::compareTo);
        if (lockedUntil.isPresent()) {
            failures.forget(attempt);
            metrics.locked();
            log.warn("Login refused: too many failed attempts for this e-mail address or client address");
            throw tooManyAttempts(Duration.between(now, lockedUntil.get()));
        }
        Optional<User> user = users.findByEmail(email);
        if (!passwords.matches(password, user.map(User::passwordHash).orElse(null))) {
            metrics.invalid();
            log.info("Login failed: invalid credentials");
            throw invalidCredentials();
        }
        User found = user.orElseThrow();
        failures.clear(email, attempt);
        if (passwords.isOutdated(found.passwordHash())) {
            users.updatePasswordHash(found.id(), passwords.hash(password));
        }
        metrics.success();
        try (MDC.MDCCloseable userId = MDC.putCloseable("userId", found.id().toString())) {
            log.info("User logged in");
        }
        return tokens.forUser(found);
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS, "Invalid credentials",
                "The e-mail address or the password is wrong.");
    }

    static ProblemException tooManyAttempts(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.plusMillis(999).toSeconds());
        ProblemException problem = new ProblemException(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_ATTEMPTS,
                "Too many attempts", "Too many failed logins. Try again in " + seconds + " seconds.")
                .with("retryAfterSeconds", seconds);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problem;
    }
}
