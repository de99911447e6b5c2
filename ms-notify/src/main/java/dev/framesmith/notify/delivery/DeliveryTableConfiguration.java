package dev.framesmith.notify.delivery;

import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ProvisionedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeliveryTableConfiguration {

    @Bean
    ProvisionedTable notificationsTable(FramesmithAwsProperties aws) {
        return DeliveryLog.provisionedTable(aws.tables().notifications());
    }
}
