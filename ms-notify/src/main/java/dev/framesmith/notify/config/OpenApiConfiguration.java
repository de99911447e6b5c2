package dev.framesmith.notify.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's description. The bearer scheme and the problem responses are service-support's. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI notifyOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Framesmith ms-notify").version("v1")
                        .description("Internal notifications: read the delivery records of e-mails. "
                                + "Errors are RFC 9457 problem details whose `type` is "
                                + "`https://framesmith.dev/problems/<slug>`."));
    }
}
