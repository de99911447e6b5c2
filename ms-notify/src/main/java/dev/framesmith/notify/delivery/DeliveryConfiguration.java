package dev.framesmith.notify.delivery;

import dev.framesmith.notify.config.NotifyProperties;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ProvisionedTable;
import dev.framesmith.support.messaging.Backoff;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery log's table, and how long a notification that must be tried again stays invisible. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    static final String RETRY_BACKOFF = "notificationRetryBackoff";

    @Bean
    ProvisionedTable notificationsTable(FramesmithAwsProperties aws) {
        return DeliveryLog.provisionedTable(aws.tables().notifications());
    }

    @Bean(RETRY_BACKOFF)
    Backoff notificationRetryBackoff(NotifyProperties properties) {
        return new Backoff(properties.retry().initialDelay(), properties.retry().maxDelay());
    }
}
