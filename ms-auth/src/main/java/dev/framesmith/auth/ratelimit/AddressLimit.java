package dev.framesmith.auth.ratelimit;

import java.util.function.Function;

/** The endpoints limited per client address, each with its limit from {@link RateLimitProperties}. */
public enum AddressLimit {
    /** {@code POST /auth/register}: each one costs a bcrypt hash. */
    REGISTRATION("register", RateLimitProperties::registration),
    /** {@code POST /auth/token}: each one costs a bcrypt comparison. */
    TOKEN("token", RateLimitProperties::token),
    /** The requests that may send an account e-mail: password reset and "send again". */
    ACCOUNT_EMAILS("account-emails", RateLimitProperties::accountEmails);

    private final String bucket;
    private final Function<RateLimitProperties, RateLimit> limit;

    AddressLimit(String bucket, Function<RateLimitProperties, RateLimit> limit) {
        this.bucket = bucket;
        this.limit = limit;
    }

    String bucket() {
        return bucket;
    }

    RateLimit limit(RateLimitProperties properties) {
        return limit.apply(properties);
    }
}
