package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

class SesAndPostgresSmokeTest {

    @Test
    void anEmailSentThroughSesV2IsListedInTheStore() throws Exception {
        Endpoints endpoints = SharedKit.endpoints();
        String recipient = UUID.randomUUID() + "@example.com";
        try (SesV2Client ses = Clients.ses(endpoints)) {
            String messageId = ses.sendEmail(r -> r.fromEmailAddress("noreply@framesmith.dev")
                    .destination(d -> d.toAddresses(recipient))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Video ready"))
                            .body(b -> b.html(h -> h.data("<a href=\"https://example.com/zip\">frames</a>"))))))
                    .messageId();
            assertThat(messageId).isNotBlank();
        }

        HttpResponse<String> store = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoints.sesStore()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(store.statusCode()).isEqualTo(200);
        assertThat(store.body()).startsWith("{").contains("\"emails\"").contains(recipient)
                .contains("\"subject\":\"Video ready\"").contains("noreply@framesmith.dev");
    }

    @Test
    void postgresAnswersOnTheAuthDatabase() throws Exception {
        Endpoints endpoints = SharedKit.endpoints();
        assertThat(endpoints.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/auth");
        try (Connection connection = Clients.jdbc(endpoints);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select 1, current_database()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
            assertThat(result.getString(2)).isEqualTo("auth");
        }
    }
}
