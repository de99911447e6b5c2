package dev.framesmith.support.apidocs;

import dev.framesmith.support.web.Problems;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;

/**
 * The {@code Problem} schema: the members of RFC 9457 and the extension members the services add to
 * some problem types.
 */
final class ProblemSchema {

    static final String NAME = "Problem";
    static final String REF = "#/components/schemas/" + NAME;

    private ProblemSchema() {
    }

    static Schema<?> create() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().description("The invalid field or parameter")
                .example("email"));
        fieldError.addProperty("message", new StringSchema().description("What is wrong with it")
                .example("must be a valid e-mail address"));
        fieldError.required(List.of("field", "message"));

        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details. Clients switch on `type`, never on the texts.");
        problem.addProperty("type", new StringSchema().format("uri")
                .description("`" + Problems.TYPE_BASE + "<slug>`, stable per kind of error")
                .example(Problems.TYPE_BASE + Problems.VALIDATION));
        problem.addProperty("title", new StringSchema().description("Short summary of the problem type")
                .example("Invalid request"));
        problem.addProperty("status", new IntegerSchema().description("The HTTP status code").example(400));
        problem.addProperty("detail", new StringSchema().description("What went wrong in this occurrence")
                .example("1 field is invalid."));
        problem.addProperty("instance", new StringSchema().format("uri-reference")
                .description("The request path").example("/videos"));
        problem.addProperty("errors", new ArraySchema().items(fieldError)
                .description("`validation` problems: each invalid field"));
        problem.addProperty("retryAfterSeconds", new IntegerSchema()
                .description("`too-many-attempts`, `queue-unavailable`, `uploads-busy`, `service-unavailable`"
                        + " problems: seconds to wait, as in `Retry-After`"));
        problem.addProperty("error", new StringSchema()
                .description("Token endpoint problems: the RFC 6749 error code").example("invalid_client"));
        problem.addProperty("filename", new StringSchema()
                .description("Upload problems (`not-a-video`, `empty-file`, `file-too-large`): the file concerned"));
        problem.addProperty("maxBytes", new IntegerSchema().format("int64")
                .description("`file-too-large` problems: the largest accepted file"));
        problem.addProperty("declaredBytes", new IntegerSchema().format("int64")
                .description("`size-mismatch` problems: the size announced when the upload started"));
        problem.addProperty("actualBytes", new IntegerSchema().format("int64")
                .description("`size-mismatch` problems: the size of the uploaded file"));
        problem.addProperty("videoStatus", new StringSchema()
                .description("`not-ready` problems: the video's current status").example("PROCESSING"));
        problem.required(List.of("type", "title", "status"));
        return problem;
    }
}
