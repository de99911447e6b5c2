package dev.framesmith.support.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Where a request's bearer token is read: the {@code Authorization} header, and {@code ?access_token=} only on the
 * GET endpoints named for it (a browser's EventSource cannot send headers). A query token anywhere else is ignored,
 * so it does not authenticate and URLs carrying tokens stay out of logs and history.
 */
final class BearerTokens implements BearerTokenResolver {

    private final BearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
    private final BearerTokenResolver headerOrQuery;
    private final RequestMatcher queryTokenPaths;

    BearerTokens(List<String> queryTokenPaths) {
        DefaultBearerTokenResolver query = new DefaultBearerTokenResolver();
        query.setAllowUriQueryParameter(true);
        this.headerOrQuery = query;
        this.queryTokenPaths = queryTokenPaths.isEmpty() ? request -> false
                : new OrRequestMatcher(queryTokenPaths.stream()
                        .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults()
                                .matcher(HttpMethod.GET, path))
                        .toList());
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return (queryTokenPaths.matches(request) ? headerOrQuery : headerOnly).resolve(request);
    }
}
