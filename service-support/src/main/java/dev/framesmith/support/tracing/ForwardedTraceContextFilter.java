package dev.framesmith.support.tracing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request from the internet starts a trace of its own: the trace context it brings is not believed. Such a
 * request came through the load balancer (or the local gateway), which adds {@code X-Forwarded-For}; the services'
 * calls to each other come straight, without it, and continue the caller's trace. So no client decides which
 * requests are traced (a {@code traceparent} flagged sampled would force tracing whatever the sampling
 * probability), joins its requests to someone else's trace, or hands in a trace id X-Ray cannot keep (X-Ray keeps
 * only ids that begin with the second the trace started, as the ones started here do).
 */
class ForwardedTraceContextFilter extends OncePerRequestFilter {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    /** The headers of the propagation formats Micrometer Tracing reads: W3C, its baggage, and B3. */
    private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate", "baggage", "b3",
            "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request.getHeader(FORWARDED_FOR) == null ? request : new WithoutTraceContext(request), response);
    }

    /** The request without the trace context headers. */
    private static final class WithoutTraceContext extends HttpServletRequestWrapper {

        WithoutTraceContext(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            return TRACE_CONTEXT.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !hidden(name)).toList());
        }
    }
}
