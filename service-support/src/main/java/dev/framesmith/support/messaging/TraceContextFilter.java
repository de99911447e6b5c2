package dev.framesmith.support.messaging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Continues the caller's trace ({@code traceparent} header) for the request, or starts one, and says which. */
class TraceContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceparent = TraceContext.begin(request.getHeader(TraceContext.TRACEPARENT));
        response.setHeader(TraceContext.TRACEPARENT, traceparent);
        try {
            chain.doFilter(request, response);
        } finally {
            TraceContext.end();
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
