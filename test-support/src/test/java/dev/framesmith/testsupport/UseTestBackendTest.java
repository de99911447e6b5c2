package dev.framesmith.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

@SpringJUnitConfig(UseTestBackendTest.Empty.class)
@UseTestBackend
@TestPropertySource(properties = "framesmith.aws.provision.enabled=false")
class UseTestBackendTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @Autowired
    Environment environment;

    @Test
    void contextPointsAtTheSharedBackend() {
        var endpoints = TestBackend.endpoints();
        assertThat(environment.getProperty("spring.cloud.aws.sqs.endpoint")).isEqualTo(endpoints.sqs().toString());
        assertThat(environment.getProperty("spring.cloud.aws.s3.endpoint")).isEqualTo(endpoints.s3().toString());
        assertThat(environment.getProperty("spring.cloud.aws.s3.path-style-access-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.aws.dynamodb.endpoint"))
                .isEqualTo(endpoints.dynamodb().toString());
        assertThat(environment.getProperty("spring.cloud.aws.ses.endpoint")).isEqualTo(endpoints.ses().toString());
        assertThat(environment.getProperty("spring.cloud.aws.region.static")).isEqualTo("us-east-1");
        assertThat(environment.getProperty("spring.cloud.aws.credentials.access-key")).isEqualTo("test");
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(endpoints.jdbcUrl())
                .startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(environment.getProperty("framesmith.security.jwt.public-key"))
                .isEqualTo(TestTokens.publicKeyPem());
        assertThat(environment.getProperty("framesmith.security.jwt.issuer")).isEqualTo("framesmith");
    }

    @Test
    void theTestsOwnInlinePropertiesStillWin() {
        assertThat(environment.getProperty("framesmith.aws.provision.enabled")).isEqualTo("false");
        assertThat(TestBackend.springProperties()).containsEntry("framesmith.aws.provision.enabled", "true");
    }

    @Test
    void everyAnnotatedClassGetsAnEqualCustomizerSoContextsAreShared() {
        var factory = new TestBackendContextCustomizerFactory();
        assertThat(factory.createContextCustomizer(UseTestBackendTest.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(String.class, List.of()))
                .hasSameHashCodeAs(factory.createContextCustomizer(String.class, List.of()));
    }

    @Test
    void sentEmailsListsWhatSesReceived() {
        var endpoints = TestBackend.endpoints();
        String recipient = UUID.randomUUID() + "@example.com";
        try (SesV2Client ses = SesV2Client.builder()
                .endpointOverride(URI.create(endpoints.ses().toString()))
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoints.accessKey(), endpoints.secretKey())))
                .build()) {
            ses.sendEmail(request -> request
                    .fromEmailAddress("noreply@framesmith.dev")
                    .destination(destination -> destination.toAddresses(recipient))
                    .content(content -> content.simple(message -> message
                            .subject(subject -> subject.data("Your frames are ready"))
                            .body(body -> body
                                    .html(html -> html.data("<p>Ready</p>"))
                                    .text(text -> text.data("Ready"))))));
        }

        assertThat(TestBackend.sentEmails())
                .filteredOn(email -> email.to().contains(recipient))
                .containsExactly(new SentEmail("noreply@framesmith.dev", List.of(recipient),
                        "Your frames are ready", "<p>Ready</p>", "Ready"));
    }
}
