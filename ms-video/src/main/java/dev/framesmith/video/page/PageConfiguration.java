package dev.framesmith.video.page;

import dev.framesmith.video.storage.VideoObjects;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The page's headers, set before any other filter answers (a refused token's 401 carries them too). */
@Configuration(proxyBeanMethods = false)
class PageConfiguration {

    @Bean
    FilterRegistrationBean<PageHeaders> pageHeaders(VideoObjects objects) {
        FilterRegistrationBean<PageHeaders> registration =
                new FilterRegistrationBean<>(new PageHeaders(objects.presignedOrigin()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
