package dev.framesmith.notify.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The API's OpenAPI description, and the scope check that runs before a request body is read. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Framesmith ms-notify",
        description = "Internal notifications: queue e-mails and read their delivery records", version = "v1"))
@SecurityScheme(name = ApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
class ApiConfiguration implements WebMvcConfigurer {

    static final String BEARER = "bearer";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ServiceScope()).addPathPatterns("/notifications", "/notifications/**");
    }
}
