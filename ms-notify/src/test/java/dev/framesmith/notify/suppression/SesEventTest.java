package dev.framesmith.notify.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.support.messaging.UnprocessableMessageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SesEventTest {

    private static final String COMPLAINT = """
            {"eventType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"ana@example.com"}]}}""";

    @Test
    void aComplaintNamesTheAddressesToSuppress() {
        assertThat(SesEvent.parse(COMPLAINT))
                .isEqualTo(new SesEvent("Complaint", SesEvent.COMPLAINT, List.of("ana@example.com")));
    }

    @Test
    void anEventThatSaysTwoThingsIsRefusedLikeEveryOtherDocument() {
        assertThatThrownBy(() -> SesEvent.parse("""
                {"eventType":"Delivery","eventType":"Complaint",\
                "complaint":{"complainedRecipients":[{"emailAddress":"ana@example.com"}]}}"""))
                .isInstanceOf(UnprocessableMessageException.class)
                .hasMessageContaining("not one JSON document");
        assertThatThrownBy(() -> SesEvent.parse(COMPLAINT + " {\"eventType\":\"Delivery\"}"))
                .isInstanceOf(UnprocessableMessageException.class)
                .hasMessageContaining("not one JSON document");
    }
}
