package dev.framesmith.notify.suppression;

import dev.framesmith.contracts.StrictJson;
import dev.framesmith.support.messaging.UnprocessableMessageException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of an SES event (event publishing, or the older identity notifications) that decides suppression: a
 * permanent bounce or a complaint names addresses that must get no more mail; a transient bounce, a delivery and
 * every other event name none.
 *
 * @param type      {@code Bounce}, {@code Complaint}, {@code Delivery}, ...
 * @param reason    {@code bounce} or {@code complaint} when addresses are to be suppressed
 * @param addresses the addresses to suppress, possibly none
 */
record SesEvent(String type, String reason, List<String> addresses) {

    static final String BOUNCE = "bounce";
    static final String COMPLAINT = "complaint";
    /** The reasons for which addresses are suppressed. */
    static final List<String> SUPPRESSING_REASONS = List.of(BOUNCE, COMPLAINT);

    private static final JsonMapper JSON = StrictJson.configure(JsonMapper.builder()).build();
    private static final int MAX_ADDRESS = 254;

    static SesEvent parse(String json) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new UnprocessableMessageException("the SES event is not one JSON document: " + e.getOriginalMessage());
        }
        String type = event.path("eventType").asString(event.path("notificationType").asString(""));
        if (type.isBlank()) {
            throw new UnprocessableMessageException("the SES event has no eventType");
        }
        return switch (type) {
            case "Bounce" -> "Permanent".equals(event.path("bounce").path("bounceType").asString(""))
                    ? new SesEvent(type, BOUNCE, addresses(event.path("bounce").path("bouncedRecipients")))
                    : new SesEvent(type, null, List.of());
            case "Complaint" -> new SesEvent(type, COMPLAINT,
                    addresses(event.path("complaint").path("complainedRecipients")));
            default -> new SesEvent(type, null, List.of());
        };
    }

    private static List<String> addresses(JsonNode recipients) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode recipient : recipients) {
            String address = recipient.path("emailAddress").asString("").strip();
            if (address.indexOf('@') > 0 && address.length() <= MAX_ADDRESS && address.chars().noneMatch(c -> c <= ' ')) {
                addresses.add(address);
            }
        }
        return addresses;
    }
}
