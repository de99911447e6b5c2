package dev.framesmith.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Registered by {@link TrustTestTokens}: hands the test context {@link TestTokens#springProperties()}. */
final class TestTokensContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new TokenProperties();
    }

    /** Carries no state: every context it customizes gets the same JVM-wide properties, so they share a cache. */
    record TokenProperties() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            TestBackendContextCustomizerFactory.addBehindInlineProperties(context, "framesmithTestTokens",
                    Map.copyOf(TestTokens.springProperties()));
        }
    }
}
