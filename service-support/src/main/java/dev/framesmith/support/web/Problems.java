package dev.framesmith.support.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with a stable {@code type} per error:
 * {@code https://framesmith.dev/problems/<slug>}. Clients switch on the type, never on the text.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://framesmith.dev/problems/";

    public static final String VALIDATION = "validation";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String EMAIL_NOT_VERIFIED = "email-not-verified";
    public static final String NOT_FOUND = "not-found";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String INTERNAL_ERROR = "internal-error";
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** The problem for a status alone, for errors nothing more is known about (the container's own). */
    public static ProblemDetail forStatus(HttpStatus status) {
        return of(status, slugFor(status), status.getReasonPhrase(), status.is5xxServerError()
                ? "Something went wrong on our side. Please try again later."
                : "The request was refused: " + status.getReasonPhrase().toLowerCase(Locale.ROOT) + ".");
    }

    /** The slug the common handler uses for a status when the exception carries none of its own. */
    static String slugFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return status.is5xxServerError() ? INTERNAL_ERROR : MALFORMED_REQUEST;
        }
        return switch (known) {
            case BAD_REQUEST -> MALFORMED_REQUEST;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case CONTENT_TOO_LARGE -> PAYLOAD_TOO_LARGE;
            default -> known.is5xxServerError() ? INTERNAL_ERROR : known.name().toLowerCase().replace('_', '-');
        };
    }
}
