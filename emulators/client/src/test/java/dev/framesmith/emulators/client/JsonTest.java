package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsTheReadyLine() {
        String line = "{\"sqs\":\"http://127.0.0.1:1\",\"s3\":\"http://127.0.0.1:2\",\"dynamodb\":\"http://127.0.0.1:3\","
                + "\"ses\":\"http://127.0.0.1:4\",\"jdbcUrl\":\"jdbc:postgresql://127.0.0.1:5/auth\","
                + "\"dbUser\":\"postgres\",\"dbPassword\":\"p\\\"w\\\\d\\u00e9\",\"region\":\"us-east-1\","
                + "\"accessKey\":\"test\",\"secretKey\":\"test\"}";

        Endpoints endpoints = Endpoints.fromReadyLine(Json.parseFlatObject(line));

        assertThat(endpoints).isEqualTo(new Endpoints(URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:2"), URI.create("http://127.0.0.1:3"), URI.create("http://127.0.0.1:4"),
                "jdbc:postgresql://127.0.0.1:5/auth", "postgres", "p\"w\\d\u00e9", "us-east-1", "test", "test"));
        assertThat(endpoints.sesStore()).isEqualTo(URI.create("http://127.0.0.1:4/store"));
    }

    @Test
    void readsLiteralsAndEmptyObjects() {
        assertThat(Json.parseFlatObject(" { } ")).isEmpty();
        assertThat(Json.parseFlatObject("{\"a\": 1, \"b\": true, \"c\": null}"))
                .containsEntry("a", "1").containsEntry("b", "true").containsEntry("c", null);
    }

    @Test
    void rejectsWhatIsNotAFlatObject() {
        assertThatThrownBy(() -> Json.parseFlatObject("{\"a\":{\"b\":\"c\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parseFlatObject("{\"a\":\"b\"} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parseFlatObject("{\"a\":\"b\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
