package dev.framesmith.auth.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's description and the {@code client} scheme of the token endpoint. The bearer
 * scheme and the problem responses are service-support's.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI authOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Framesmith ms-auth").version("v1")
                        .description("Registration, login, access tokens (RS256, JWK set) and the user profile. "
                                + "Errors are RFC 9457 problem details whose `type` is "
                                + "`https://framesmith.dev/problems/<slug>`."))
                .components(new Components()
                        .addSecuritySchemes("client", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("client_id and client_secret of a service")));
    }
}
