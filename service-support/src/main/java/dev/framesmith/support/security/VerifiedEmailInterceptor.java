package dev.framesmith.support.security;

import dev.framesmith.support.web.ProblemException;
import dev.framesmith.support.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link RequiresVerifiedEmail}. */
class VerifiedEmailInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(RequiresVerifiedEmail.class)) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                    && jwt.hasClaim(TokenClaims.EMAIL)
                    && !Boolean.TRUE.equals(jwt.getClaimAsBoolean(TokenClaims.EMAIL_VERIFIED))) {
                throw new ProblemException(HttpStatus.FORBIDDEN, Problems.EMAIL_NOT_VERIFIED,
                        "E-mail address not confirmed", "Confirm your e-mail address with the link we sent you "
                                + "first; you can ask for a new link.");
            }
        }
        return true;
    }
}
