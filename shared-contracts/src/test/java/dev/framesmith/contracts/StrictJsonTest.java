package dev.framesmith.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

    private static final JsonMapper STRICT = StrictJson.configure(JsonMapper.builder()).build();
    private static final String EVENT = "{\"eventId\":\"6b3f0b9e-0a4e-4a8e-9d1e-1c2b3a4d5e6f\","
            + "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"schemaVersion\":1,\"type\":\"STARTED\",\"userId\":\"u\",";

    record Login(String email, String password) {
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"email\":\"a@example.com\",\"password\":1e999999}",
            "{\"email\":\"a@example.com\",\"password\":12345678901}",
            "{\"email\":\"a@example.com\",\"password\":true}",
            "{\"email\":\"a@example.com\",\"password\":\"one\",\"password\":\"two\"}",
            "{\"email\":\"a@example.com\",\"password\":\"one\"} {\"password\":\"two\"}",
            "{\"email\":\"a@example.com\",\"password\":\"one\"}]"})
    void aDocumentThatCouldMeanTwoThingsIsRefused(String json) {
        assertThatThrownBy(() -> STRICT.readValue(json, Login.class)).isInstanceOf(JacksonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"videoId\":1}", "\"videoId\":\"v\",\"videoId\":\"w\"}", "\"videoId\":\"v\"}{}"})
    void messagesFollowTheSameRules(String rest) {
        assertThatThrownBy(() -> MessageCodec.decode(EVENT + rest, VideoEvent.class))
                .isInstanceOf(MalformedMessageException.class);
        assertThat(MessageCodec.decode(EVENT + "\"videoId\":\"v\"}", VideoEvent.class).videoId()).isEqualTo("v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\":\"a@example.com\",\"password\":\"12345678\"}",
            "{\"email\":\"a@example.com\",\"password\":null}", "  {\"email\":\"a@example.com\"}  \n"})
    void plainDocumentsAreRead(String json) {
        assertThat(STRICT.readValue(json, Login.class).email()).isEqualTo("a@example.com");
    }
}
