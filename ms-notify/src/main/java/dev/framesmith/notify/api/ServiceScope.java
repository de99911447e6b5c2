package dev.framesmith.notify.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses callers without the scope {@code notifications:send} before the request body is read, so that
 * they learn nothing from validation errors. The controller's {@code @PreAuthorize} says the same at
 * the method.
 */
class ServiceScope implements HandlerInterceptor {

    static final String AUTHORITY = "SCOPE_notifications:send";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType() == NotificationsController.class) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            boolean allowed = authentication != null && authentication.getAuthorities().stream()
                    .anyMatch(authority -> AUTHORITY.equals(authority.getAuthority()));
            if (!allowed) {
                throw new AccessDeniedException("The scope notifications:send is required");
            }
        }
        return true;
    }
}
