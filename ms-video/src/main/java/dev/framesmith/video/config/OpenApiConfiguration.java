package dev.framesmith.video.config;

import dev.framesmith.support.security.CurrentUser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document: bearer tokens on every operation, and the problems every operation may answer. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    @Bean
    OpenAPI videoApi() {
        return new OpenAPI()
                .info(new Info().title("Framesmith videos").version("1")
                        .description("Upload videos, follow their processing and download their frames. Errors are"
                                + " RFC 9457 problems whose type is https://framesmith.dev/problems/<slug>."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer commonProblems() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            operation.getResponses().putIfAbsent("401", problem(
                    "unauthorized: no token, or an expired, forged or malformed one"));
            operation.getResponses().putIfAbsent("403", problem("forbidden: a service token, not a user's"));
            operation.getResponses().putIfAbsent("500", problem("internal-error"));
        }));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
    }
}
