package dev.framesmith.auth.clients;

import dev.framesmith.support.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The token endpoint's errors: problem details that also carry RFC 6749's {@code error} code. */
final class TokenProblems {

    static final String INVALID_REQUEST = "invalid-request";
    static final String INVALID_CLIENT = "invalid-client";
    static final String UNSUPPORTED_GRANT_TYPE = "unsupported-grant-type";
    static final String INVALID_SCOPE = "invalid-scope";

    private TokenProblems() {
    }

    static ProblemException invalidRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid token request", detail);
    }

    static ProblemException invalidClient(boolean basic) {
        ProblemException problem = problem(HttpStatus.UNAUTHORIZED, INVALID_CLIENT, "Invalid client",
                "The client is unknown or its secret is wrong.");
        if (basic) {
            problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"framesmith\"");
        }
        return problem;
    }

    static ProblemException unsupportedGrantType() {
        return problem(HttpStatus.BAD_REQUEST, UNSUPPORTED_GRANT_TYPE, "Unsupported grant type",
                "Only the client_credentials grant is supported.");
    }

    static ProblemException invalidScope() {
        return problem(HttpStatus.BAD_REQUEST, INVALID_SCOPE, "Invalid scope",
                "The client may not ask for one of the requested scopes.");
    }

    private static ProblemException problem(HttpStatus status, String slug, String title, String detail) {
        return new ProblemException(status, slug, title, detail).with("error", slug.replace('-', '_'));
    }
}
