package dev.framesmith.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Points a Spring test's application context at the shared {@link TestBackend} (started once per JVM) and makes it
 * trust {@link TestTokens}: adds {@link TestBackend#springProperties()} and {@link TestTokens#springProperties()}
 * ahead of every other property source except the test's own inline properties
 * ({@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource(properties = ...)}), which still win.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(TestBackendContextCustomizerFactory.class)
public @interface UseTestBackend {
}
