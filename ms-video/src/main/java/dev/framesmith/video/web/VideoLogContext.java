package dev.framesmith.video.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the video id of a {@code /videos/{id}/...} request into its log lines, and takes it out afterwards. */
@Configuration(proxyBeanMethods = false)
class VideoLogContext implements WebMvcConfigurer {

    static final String VIDEO_ID = "videoId";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                        && vars.get("id") instanceof String id && id.length() <= 64) {
                    MDC.put(VIDEO_ID, id);
                }
                return true;
            }

            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                    Exception ex) {
                MDC.remove(VIDEO_ID);
            }
        }).addPathPatterns("/videos/**");
    }
}
