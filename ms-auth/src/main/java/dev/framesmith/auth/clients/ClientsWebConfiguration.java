package dev.framesmith.auth.clients;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Client credentials as HTTP Basic bind as a {@link BasicCredentials} controller parameter. */
@Configuration(proxyBeanMethods = false)
class ClientsWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new BasicCredentials.Resolver());
    }
}
