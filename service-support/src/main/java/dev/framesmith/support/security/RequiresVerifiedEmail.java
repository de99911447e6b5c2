package dev.framesmith.support.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller method: a user whose token does not say {@code email_verified: true} is refused with 403
 * {@code email-not-verified} before the method runs (and before the request body is read). Service tokens are
 * left to the method's own rules.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresVerifiedEmail {
}
