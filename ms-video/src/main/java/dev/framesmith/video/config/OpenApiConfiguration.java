package dev.framesmith.video.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's description. The bearer scheme and the problem responses are service-support's. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI videoApi() {
        return new OpenAPI()
                .info(new Info().title("Framesmith videos").version("1")
                        .description("Upload videos, follow their processing and download their frames. Errors are"
                                + " RFC 9457 problems whose type is https://framesmith.dev/problems/<slug>."));
    }
}
