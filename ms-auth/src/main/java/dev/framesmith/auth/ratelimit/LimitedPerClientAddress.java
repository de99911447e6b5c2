package dev.framesmith.auth.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller method: each request counts against the client address's {@link AddressLimit}, before the body
 * is read; over the limit the answer is 429 {@code too-many-requests} with {@code Retry-After}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LimitedPerClientAddress {

    AddressLimit value();
}
