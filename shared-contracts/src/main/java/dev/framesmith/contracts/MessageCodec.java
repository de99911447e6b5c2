package dev.framesmith.contracts;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON codec for messages: ISO-8601 instants, unknown fields ignored, the rules of
 * {@link StrictJson}, and missing required fields and unreadable input reported as
 * {@link MalformedMessageException}.
 */
public final class MessageCodec {

    private static final JsonMapper MAPPER = StrictJson.configure(JsonMapper.builder())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private MessageCodec() {
    }

    public static String encode(Message message) {
        return MAPPER.writeValueAsString(message);
    }

    public static <T extends Message> T decode(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new MalformedMessageException("empty " + type.getSimpleName() + " message", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedMessageException("unreadable " + type.getSimpleName() + " message: " + originalMessage(e), e);
        }
    }

    private static String originalMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
