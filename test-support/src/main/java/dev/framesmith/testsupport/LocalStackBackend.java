package dev.framesmith.testsupport;

import dev.framesmith.emulators.client.Endpoints;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;

/**
 * LocalStack (SQS, S3, DynamoDB, SES) and PostgreSQL in containers, for machines with a Docker engine. Loaded by
 * name only when {@code framesmith.test.backend=localstack}, so the emulator path never touches Testcontainers.
 */
final class LocalStackBackend implements Backend {

    static final String LOCALSTACK_IMAGE = "localstack/localstack:4";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private final LocalStackContainer localstack;
    private final PostgreSQLContainer postgres;
    private final Endpoints endpoints;

    LocalStackBackend() {
        // Presigned URLs are checked as in AWS and in the emulator kit; LocalStack skips that by default.
        localstack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices("sqs", "s3", "dynamodb", "ses")
                .withEnv("S3_SKIP_SIGNATURE_VALIDATION", "0");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            localstack.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        postgres = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withDatabaseName("auth")
                .withUsername("framesmith")
                .withPassword("framesmith");
        Startables.deepStart(localstack, postgres).join();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            localstack.stop();
            postgres.stop();
        }, "localstack-stop"));
        URI endpoint = localstack.getEndpoint();
        endpoints = new Endpoints(endpoint, endpoint, endpoint, endpoint, postgres.getJdbcUrl(),
                postgres.getUsername(), postgres.getPassword(), localstack.getRegion(), localstack.getAccessKey(),
                localstack.getSecretKey());
    }

    @Override
    public Endpoints endpoints() {
        return endpoints;
    }

    /**
     * Reads LocalStack's {@code GET /_aws/ses}:
     * {@code {"messages":[{Source, Destination:{ToAddresses}, Subject, Body:{html_part, text_part}}]}}.
     */
    @Override
    public List<SentEmail> sentEmails() {
        List<SentEmail> emails = new ArrayList<>();
        for (JsonNode message : Http.getJson(URI.create(endpoints.ses() + "/_aws/ses")).path("messages")) {
            List<String> to = new ArrayList<>();
            message.path("Destination").path("ToAddresses").forEach(address -> to.add(address.asString()));
            JsonNode body = message.path("Body");
            emails.add(new SentEmail(Http.text(message, "Source"), to, Http.text(message, "Subject"),
                    Http.text(body, "html_part"), Http.text(body, "text_part")));
        }
        return emails;
    }
}
