package dev.framesmith.auth.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.auth.AuthApplication;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.TestBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The account e-mail is written with the account and sent afterwards: while SQS cannot take it, the registration
 * still succeeds and the message waits in PostgreSQL; once the queue is there, it goes out, once. Its own database
 * and queue, so that no other test's publisher takes the message.
 */
class OutboxTest {

    @Test
    void aMessageTheQueueCannotTakeYetWaitsInTheOutboxAndLeavesOnceItCan() throws SQLException {
        String database = "outbox_" + UUID.randomUUID().toString().replace("-", "");
        String queue = "outbox-test-" + UUID.randomUUID();
        createDatabase(database);
        String email = "outbox-" + UUID.randomUUID() + "@example.com";
        try (ConfigurableApplicationContext auth = start(database, queue)) {
            Api api = new Api(((WebServerApplicationContext) auth).getWebServer().getPort()).from("192.0.2.20");
            JdbcClient jdbc = auth.getBean(JdbcClient.class);
            SqsAsyncClient sqs = auth.getBean(SqsAsyncClient.class);

            assertThat(api.postJson("/auth/register", Api.body("email", email, "password", "correct horse battery",
                    "name", "Patient")).status()).isEqualTo(201);

            await("failed attempts").atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "SELECT attempts FROM notification_outbox").query(Integer.class).single() >= 2);

            String url = sqs.createQueue(request -> request.queueName(queue)).join().queueUrl();
            await("the outbox emptied").atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM notification_outbox").query(Long.class).single() == 0);
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(2)).join().messages();
            assertThat(messages).singleElement().satisfies(message -> {
                NotificationRequested sent = MessageCodec.decode(message.body(), NotificationRequested.class);
                assertThat(sent.template()).isEqualTo(NotificationTemplate.VERIFY_EMAIL);
                assertThat(sent.recipientEmail()).isEqualTo(email);
            });
        }
    }

    private static ConfigurableApplicationContext start(String database, String queue) {
        Map<String, String> properties = new LinkedHashMap<>(TestBackend.springProperties());
        properties.put("spring.datasource.url", jdbcUrl(database));
        properties.put("framesmith.aws.provision.enabled", "false");
        properties.put("framesmith.aws.queues.notifications", queue);
        properties.put("framesmith.auth.outbox.poll-interval", "100ms");
        properties.put("framesmith.auth.outbox.retry-delay", "100ms");
        properties.put("framesmith.auth.outbox.max-retry-delay", "500ms");
        properties.put("server.port", "0");
        properties.put("framesmith.auth.bcrypt-cost", "10");
        properties.put("framesmith.auth.token.generate-if-missing", "true");
        return new SpringApplicationBuilder(AuthApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }

    private static void createDatabase(String name) throws SQLException {
        var endpoints = TestBackend.endpoints();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword())) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        }
    }

    private static String jdbcUrl(String database) {
        String url = TestBackend.endpoints().jdbcUrl();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }
}
