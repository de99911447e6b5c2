package dev.framesmith.support.apidocs;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.security.RequiresVerifiedEmail;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * The operations that may refuse a valid token with 403 {@code forbidden}: those taking a
 * {@link CurrentUser} refuse service tokens, and those under {@link PreAuthorize} tokens without the
 * authority, and those under {@link RequiresVerifiedEmail} users who have not confirmed their address. An
 * operation declaring its own 403 keeps it.
 */
class ForbiddenResponses implements GlobalOperationCustomizer {

    static final String NOT_A_USER = "A service token, which belongs to no user (`forbidden`)";
    static final String NOT_ALLOWED = "The token does not allow this operation (`forbidden`)";
    static final String NOT_VERIFIED = "A service token, which belongs to no user (`forbidden`), or a user who has"
            + " not confirmed their e-mail address yet (`email-not-verified`)";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        boolean takesUser = Arrays.stream(handlerMethod.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType() == CurrentUser.class);
        boolean authorized = handlerMethod.hasMethodAnnotation(PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(handlerMethod.getBeanType(), PreAuthorize.class);
        if (takesUser || authorized) {
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            String description = handlerMethod.hasMethodAnnotation(RequiresVerifiedEmail.class) ? NOT_VERIFIED
                    : takesUser ? NOT_A_USER : NOT_ALLOWED;
            operation.getResponses().putIfAbsent("403", new ApiResponse().description(description));
        }
        return operation;
    }
}
