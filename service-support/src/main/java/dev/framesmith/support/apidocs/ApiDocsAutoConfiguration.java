package dev.framesmith.support.apidocs;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.security.JwtProperties;
import dev.framesmith.support.security.ResourceServerAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The shared part of every service's OpenAPI document (see {@link ApiDocsCustomizer} and
 * {@link ForbiddenResponses}); a service adds only its {@code Info} and its own extras.
 * {@link CurrentUser} parameters are the token's subject, not request parameters, so the document
 * leaves them out.
 */
@AutoConfiguration(after = ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOpenApiCustomizer")
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(JwtProperties.class)
public class ApiDocsAutoConfiguration {

    /** Public besides the documents and the service's own public paths: health, info and metrics. */
    private static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**",
            "/actuator/info", "/actuator/prometheus");

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    @Bean
    ApiDocsCustomizer framesmithApiDocsCustomizer(JwtProperties jwt) {
        List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
        open.addAll(ResourceServerAutoConfiguration.API_DOCS_PATHS);
        open.addAll(jwt.publicPaths());
        return new ApiDocsCustomizer(open);
    }

    @Bean
    ForbiddenResponses framesmithForbiddenResponses() {
        return new ForbiddenResponses();
    }
}
