package dev.framesmith.auth.registration;

import dev.framesmith.auth.account.AccountEmails;
import dev.framesmith.auth.user.PasswordHasher;
import dev.framesmith.auth.user.User;
import dev.framesmith.auth.user.Users;
import dev.framesmith.support.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates accounts; an e-mail address can be registered once. The account and its verification e-mail (in the
 * outbox) are stored in one transaction: there is no account whose e-mail was forgotten.
 */
@Service
class Registrations {

    static final String EMAIL_TAKEN = "email-taken";

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final Users users;
    private final PasswordHasher passwords;
    private final AccountEmails emails;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter registrations;

    Registrations(Users users, PasswordHasher passwords, AccountEmails emails, TransactionTemplate transactions,
            Clock clock, MeterRegistry meters) {
        this.users = users;
        this.passwords = passwords;
        this.emails = emails;
        this.transactions = transactions;
        this.clock = clock;
        this.registrations = Counter.builder("framesmith.auth.registrations")
                .description("Accounts created")
                .register(meters);
    }

    /**
     * @param email the normalised e-mail address
     * @param name  the trimmed display name
     * @throws ProblemException {@code email-taken} (409) when the address is registered already
     */
    User register(String email, String password, String name) {
        User user = User.registered(UUID.randomUUID(), email, name, passwords.hash(password),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        transactions.executeWithoutResult(status -> {
            if (!users.insert(user)) {
                throw new ProblemException(HttpStatus.CONFLICT, EMAIL_TAKEN, "E-mail address already registered",
                        "An account with this e-mail address exists already.");
            }
            emails.sendVerification(user);
        });
        registrations.increment();
        try (MDC.MDCCloseable userId = MDC.putCloseable("userId", user.id().toString())) {
            log.info("User registered");
        }
        return user;
    }
}
