package dev.framesmith.notify.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

/**
 * The SES v2 client, from Spring Cloud AWS's credentials and region, with a deadline on every call
 * and a bounded number of SDK-level attempts (the queue does the patient retrying).
 */
@Configuration(proxyBeanMethods = false)
class SesClientConfiguration {

    @Bean(destroyMethod = "close")
    SesV2Client sesV2Client(AwsCredentialsProvider credentials, AwsRegionProvider regions,
            SesClientProperties ses, NotifyProperties notify) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .credentialsProvider(credentials)
                .region(ses.region() == null || ses.region().isBlank() ? regions.getRegion() : Region.of(ses.region()))
                .overrideConfiguration(override -> override
                        .apiCallTimeout(notify.sesTimeout())
                        .retryStrategy(retry -> retry.maxAttempts(notify.sesMaxAttempts())));
        if (ses.endpoint() != null) {
            builder.endpointOverride(ses.endpoint());
        }
        return builder.build();
    }
}
