package dev.framesmith.notify.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the SES v2 client goes, next to Spring Cloud AWS's own per-service settings.
 *
 * @param endpoint the SES endpoint to use instead of AWS's (the SES stand-in locally and in tests)
 * @param region   the SES region when it differs from {@code spring.cloud.aws.region.static}
 */
@ConfigurationProperties("spring.cloud.aws.ses")
public record SesClientProperties(URI endpoint, String region) {
}
