package dev.framesmith.video.page;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser protections on every answer of ms-video, the page's included. The content security policy lets the page
 * run only its own script and style, reach only this origin and the bucket's presigned URLs (direct uploads, contact
 * sheets), play only the local files it reads durations from ({@code blob:}), and never be framed; no answer sends a
 * referrer, so presigned URLs and page addresses do not leak to other sites.
 */
class PageHeaders extends OncePerRequestFilter {

    private final String policy;

    PageHeaders(String bucketOrigin) {
        this.policy = policy(bucketOrigin);
    }

    static String policy(String bucketOrigin) {
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' " + bucketOrigin,
                "media-src blob:",
                "connect-src 'self' " + bucketOrigin,
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
