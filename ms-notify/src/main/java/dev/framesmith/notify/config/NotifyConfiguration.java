package dev.framesmith.notify.config;

import dev.framesmith.notify.templates.NotificationRenderer;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    NotificationRenderer notificationRenderer(NotifyProperties properties, Clock clock) {
        return new NotificationRenderer(properties.appUrl(), clock);
    }
}
