package dev.framesmith.notify.config;

import dev.framesmith.contracts.NotificationField;
import dev.framesmith.contracts.NotificationTemplate;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's description, and which fields each template needs (from the templates themselves). The
 * bearer scheme and the problem responses are service-support's.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI notifyOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Framesmith ms-notify").version("v1")
                        .description("Internal notifications: queue e-mails and read their delivery records. "
                                + "Errors are RFC 9457 problem details whose `type` is "
                                + "`https://framesmith.dev/problems/<slug>`."));
    }

    @Bean
    OpenApiCustomizer templateFields() {
        String needs = Arrays.stream(NotificationTemplate.values())
                .map(template -> template + " needs " + template.requiredFields().stream()
                        .map(NotificationField::property).sorted().collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return api -> {
            Schema<?> request = api.getComponents() == null || api.getComponents().getSchemas() == null ? null
                    : api.getComponents().getSchemas().get("SendNotificationRequest");
            if (request != null && request.getProperties() != null
                    && request.getProperties().get("template") instanceof Schema<?> template) {
                template.setDescription(needs + ".");
            }
        };
    }
}
