package dev.framesmith.auth.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document: security schemes, and every error response typed as an RFC 9457 problem. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI authOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Framesmith ms-auth").version("v1")
                        .description("Registration, login, access tokens (RS256, JWK set) and the user profile. "
                                + "Errors are RFC 9457 problem details whose `type` is "
                                + "`https://framesmith.dev/problems/<slug>`."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes("client", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("client_id and client_secret of a service"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                    }
                })));
    }

    private static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().example("email"));
        fieldError.addProperty("message", new StringSchema().example("must be a valid e-mail address"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().format("uri")
                .example("https://framesmith.dev/problems/validation"));
        problem.addProperty("title", new StringSchema().example("Invalid request"));
        problem.addProperty("status", new IntegerSchema().example(400));
        problem.addProperty("detail", new StringSchema().example("1 field is invalid."));
        problem.addProperty("instance", new StringSchema().format("uri-reference").example("/auth/register"));
        problem.addProperty("errors", new ArraySchema().items(fieldError)
                .description("`validation` problems: each invalid field"));
        problem.addProperty("retryAfterSeconds", new IntegerSchema()
                .description("`too-many-attempts` problems: seconds to wait, as in `Retry-After`"));
        problem.addProperty("error", new StringSchema()
                .description("Token endpoint problems: the RFC 6749 error code").example("invalid_client"));
        return problem;
    }
}
