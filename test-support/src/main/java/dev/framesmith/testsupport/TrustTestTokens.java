package dev.framesmith.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Makes a Spring test's resource server trust {@link TestTokens} without starting any back-end: for
 * {@code @WebMvcTest} slices, which test web rules (validation, problem types, status codes, ownership) with the
 * real token verification and mocked collaborators. {@link UseTestBackend} does this too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(TestTokensContextCustomizerFactory.class)
public @interface TrustTestTokens {
}
