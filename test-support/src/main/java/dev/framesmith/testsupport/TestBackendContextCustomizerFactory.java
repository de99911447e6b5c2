package dev.framesmith.testsupport;

import dev.framesmith.testsupport.aws.ResourceRoles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Registered by {@link UseTestBackend}; hands every such test context the back-end's properties. */
final class TestBackendContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new BackendProperties();
    }

    /** Carries no state: every context it customizes gets the same JVM-wide properties, so they share a cache. */
    record BackendProperties() implements ContextCustomizer {

        static final String SOURCE_NAME = "framesmithTestBackend";

        @Override
        public void customizeContext(ConfigurableApplicationContext context,
                MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = new LinkedHashMap<>(TestBackend.springProperties());
            properties.putAll(TestTokens.springProperties());
            addBehindInlineProperties(context, SOURCE_NAME, properties);
            ResourceRoles.register(context.getEnvironment());
        }
    }

    /** Ahead of every property source except the test's own inline properties, which still win. */
    static void addBehindInlineProperties(ConfigurableApplicationContext context, String name,
            Map<String, Object> properties) {
        MapPropertySource source = new MapPropertySource(name, properties);
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        String inline = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
        if (sources.contains(inline)) {
            sources.addAfter(inline, source);
        } else {
            sources.addFirst(source);
        }
    }
}
