package dev.framesmith.support.tracing;

import dev.framesmith.contracts.Headers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Tells the caller the request's trace ({@code traceparent} response header), to quote when something went wrong. */
class TraceResponseHeaderFilter extends OncePerRequestFilter {

    private final Traces traces;

    TraceResponseHeaderFilter(Traces traces) {
        this.traces = traces;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceparent = traces.traceparent();
        if (traceparent != null) {
            response.setHeader(Headers.TRACEPARENT, traceparent);
        }
        chain.doFilter(request, response);
    }
}
