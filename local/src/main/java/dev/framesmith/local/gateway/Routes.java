package dev.framesmith.local.gateway;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where the gateway sends each request: the first route whose prefix matches the path (the prefix itself or the
 * prefix followed by {@code /}), otherwise the fallback. Targets are origins such as {@code http://127.0.0.1:8081};
 * the path and query are passed on unchanged.
 *
 * @param routes   prefix routes, tried in order
 * @param fallback where every other path goes
 */
public record Routes(List<Route> routes, URI fallback) {

    public Routes {
        routes = List.copyOf(routes);
        Objects.requireNonNull(fallback, "fallback");
    }

    /** The Ingress rules: {@code /auth/**} to ms-auth, everything else to ms-video. */
    public static Routes ingress(URI auth, URI video) {
        return new Routes(List.of(new Route("/auth", auth)), video);
    }

    URI targetFor(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return route.target();
            }
        }
        return fallback;
    }

    /**
     * One prefix rule.
     *
     * @param prefix a path prefix without a trailing slash, such as {@code /auth}
     * @param target the origin that serves it
     */
    public record Route(String prefix, URI target) {

        public Route {
            if (prefix == null || !prefix.startsWith("/") || prefix.endsWith("/")) {
                throw new IllegalArgumentException("a prefix starts with '/' and does not end with one: " + prefix);
            }
            Objects.requireNonNull(target, "target");
        }

        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }
}
