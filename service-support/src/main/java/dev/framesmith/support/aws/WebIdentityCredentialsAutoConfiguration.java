package dev.framesmith.support.aws;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;

/**
 * The credentials of a pod with IRSA (the web-identity token file and role that EKS sets in the environment): the
 * SDK's own provider for them, but renewed well before they expire. A presigned link lives only as long as the
 * credentials it was signed with, and the SDK's defaults keep using credentials until 5 minutes before their end:
 * a link of 15 minutes signed then would die after 5. Here no link is signed with credentials that have less than
 * {@link #STALE_TIME} left, longer than any link Framesmith hands out (at most 15 minutes), so every link works until
 * the expiry it states. Anywhere else (the local run's static keys, LocalStack) Spring Cloud AWS's provider stays.
 */
@AutoConfiguration(beforeName = "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration")
@ConditionalOnClass(name = "software.amazon.awssdk.services.sts.StsClient")
@Conditional(WebIdentityCredentialsAutoConfiguration.WebIdentityConfigured.class)
public class WebIdentityCredentialsAutoConfiguration {

    /** Credentials with less time than this left are renewed before any use, a presigned link's signing included. */
    static final Duration STALE_TIME = Duration.ofMinutes(16);
    /** From this much time left, credentials are renewed in the background. */
    static final Duration PREFETCH_TIME = Duration.ofMinutes(20);
    /** The session asked of STS: the default, and the longest an IAM role allows unless raised. */
    static final Duration SESSION = Duration.ofHours(1);

    @Bean
    AwsCredentialsProvider credentialsProvider() {
        return WebIdentityTokenFileCredentialsProvider.builder()
                .staleTime(STALE_TIME)
                .prefetchTime(PREFETCH_TIME)
                .roleSessionDuration(SESSION)
                .asyncCredentialUpdateEnabled(true)
                .build();
    }

    /** {@code AWS_WEB_IDENTITY_TOKEN_FILE} (or {@code aws.webIdentityTokenFile}) and a role are set. */
    static class WebIdentityConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue().isPresent()
                    && SdkSystemSetting.AWS_ROLE_ARN.getStringValue().isPresent();
        }
    }
}
