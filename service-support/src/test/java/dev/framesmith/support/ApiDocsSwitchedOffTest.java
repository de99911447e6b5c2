package dev.framesmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springdoc.webmvc.ui.SwaggerConfig;
import org.springdoc.webmvc.ui.SwaggerWelcomeWebMvc;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Production serves no API documents: the Kubernetes ConfigMaps set the two environment variables below, and then
 * neither the document nor its UI exists. Only Spring MVC and springdoc's web MVC auto-configuration are started
 * (not a whole service), with the variables spelled exactly as in the ConfigMaps.
 */
class ApiDocsSwitchedOffTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class, SpringDocConfiguration.class,
                    SpringDocConfigProperties.class, SpringDocWebMvcConfiguration.class, SwaggerConfig.class,
                    SwaggerUiConfigProperties.class, SwaggerUiOAuthProperties.class));

    @Test
    void theConfigMapVariablesSwitchOffTheDocumentAndItsUi() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("configmap", Map.of(
                                "SPRINGDOC_API_DOCS_ENABLED", "false", "SPRINGDOC_SWAGGER_UI_ENABLED", "false"))))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(OpenApiWebMvcResource.class)
                        .doesNotHaveBean(SwaggerWelcomeWebMvc.class));
    }

    @Test
    void withoutThemBothAreServed() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(OpenApiWebMvcResource.class)
                .hasSingleBean(SwaggerWelcomeWebMvc.class));
    }
}
