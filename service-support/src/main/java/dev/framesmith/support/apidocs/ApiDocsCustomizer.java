package dev.framesmith.support.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What every service's API document has in common: the {@code Problem} schema on every 4xx and 5xx
 * response, the {@code bearer} scheme on every operation outside the public paths, and the problems
 * any operation may answer without declaring them (401 when it needs a token, 500 and 503 always).
 */
class ApiDocsCustomizer implements GlobalOpenApiCustomizer {

    static final String BEARER = "bearer";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    static final String UNAUTHORIZED = "No token, or an expired, forged or malformed one (`unauthorized`)";
    static final String INTERNAL_ERROR = "Unexpected failure; the problem reveals nothing more (`internal-error`)";
    static final String SERVICE_UNAVAILABLE = "An AWS service this request needs is briefly unreachable, failing or"
            + " throttling; try again after `Retry-After` seconds (`service-unavailable`)";

    private final List<PathPattern> publicPaths;

    ApiDocsCustomizer(List<String> publicPaths) {
        this.publicPaths = publicPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        Components components = api.getComponents();
        components.addSchemas(ProblemSchema.NAME, ProblemSchema.create());
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(BEARER)) {
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("An access token from ms-auth: `Authorization: Bearer <token>`"));
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            boolean open = isPublic(path);
            item.readOperations().forEach(operation -> customise(operation, open));
        });
    }

    private void customise(Operation operation, boolean open) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        if (!open) {
            if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            }
            responses.putIfAbsent("401", new ApiResponse().description(UNAUTHORIZED));
        }
        responses.putIfAbsent("500", new ApiResponse().description(INTERNAL_ERROR));
        addServiceUnavailable(responses);
        responses.forEach((code, response) -> {
            if (isError(code) && response.get$ref() == null) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref(ProblemSchema.REF))));
            }
        });
        sortByCode(responses);
    }

    /** Every operation may meet an unavailable AWS service; an operation's own 503 gets it as an alternative. */
    private static void addServiceUnavailable(ApiResponses responses) {
        ApiResponse declared = responses.get("503");
        if (declared == null) {
            responses.addApiResponse("503", new ApiResponse().description(SERVICE_UNAVAILABLE));
        } else if (declared.get$ref() == null && (declared.getDescription() == null
                || !declared.getDescription().contains("`service-unavailable`"))) {
            declared.setDescription((declared.getDescription() == null ? "" : declared.getDescription() + "; or: ")
                    + SERVICE_UNAVAILABLE);
        }
    }

    /** Declared and added responses in the order of their codes, {@code default} last. */
    private static void sortByCode(ApiResponses responses) {
        Map<String, ApiResponse> sorted = new TreeMap<>(Comparator
                .comparing((String code) -> "default".equals(code))
                .thenComparing(Comparator.naturalOrder()));
        sorted.putAll(responses);
        responses.clear();
        responses.putAll(sorted);
    }

    private boolean isPublic(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return publicPaths.stream().anyMatch(pattern -> pattern.matches(container));
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.startsWith("4") || code.startsWith("5"));
    }
}
