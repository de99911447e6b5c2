package dev.framesmith.auth.clients;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Client credentials sent as HTTP Basic: RFC 6749 §2.3.1's form-encoded id and secret. A controller takes them as a
 * parameter, {@code null} when the request has no Basic {@code Authorization}; malformed ones are an
 * {@code invalid-client}.
 */
record BasicCredentials(String id, String secret) {

    private static final String BASIC = "basic ";

    @Override
    public String toString() {
        return "BasicCredentials[id=" + id + "]";
    }

    static BasicCredentials parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(authorization.substring(BASIC.length())
                            .strip())))
                    .toString();
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw TokenProblems.invalidClient(true);
            }
            return new BasicCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw TokenProblems.invalidClient(true);
        }
    }

    /** Binds {@link BasicCredentials} parameters from the {@code Authorization} header. */
    static final class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == BasicCredentials.class;
        }

        @Override
        public BasicCredentials resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                NativeWebRequest request, WebDataBinderFactory binderFactory) {
            return parse(request.getHeader(HttpHeaders.AUTHORIZATION));
        }
    }
}
