package dev.framesmith.auth.ratelimit;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Enforces {@link LimitedPerClientAddress}, and documents its 429 on the operations it guards. */
@Configuration(proxyBeanMethods = false)
class AddressLimits implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AddressLimits.class);

    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final RateLimitProperties properties;

    AddressLimits(RateLimiter limiter, ClientAddresses addresses, RateLimitProperties properties) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method) {
                    LimitedPerClientAddress limited = method.getMethodAnnotation(LimitedPerClientAddress.class);
                    if (limited != null) {
                        check(limited.value(), addresses.of(request));
                    }
                }
                return true;
            }
        });
    }

    private void check(AddressLimit kind, String address) {
        limiter.tryAcquire(kind.bucket(), address, kind.limit(properties)).ifPresent(retryAfter -> {
            log.warn("Request refused: the client address is over its {} limit", kind.bucket());
            throw TooMany.requests(retryAfter);
        });
    }

    @Bean
    GlobalOperationCustomizer addressLimitResponses() {
        return (Operation operation, HandlerMethod method) -> {
            if (method.hasMethodAnnotation(LimitedPerClientAddress.class)) {
                if (operation.getResponses() == null) {
                    operation.setResponses(new ApiResponses());
                }
                operation.getResponses().putIfAbsent("429", new ApiResponse()
                        .description("Too many requests of this kind from the client address (`too-many-requests`)")
                        .addHeaderObject("Retry-After", new Header().description("Seconds to wait")
                                .schema(new IntegerSchema())));
            }
            return operation;
        };
    }
}
