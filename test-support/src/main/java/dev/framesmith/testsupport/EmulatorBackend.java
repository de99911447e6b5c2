package dev.framesmith.testsupport;

import dev.framesmith.emulators.client.EmulatorKit;
import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.emulators.client.KitOptions;
import dev.framesmith.emulators.client.RunningKit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The emulator kit as a child process; it stops with this JVM. */
final class EmulatorBackend implements Backend {

    private final RunningKit kit;

    EmulatorBackend() {
        this.kit = EmulatorKit.start(KitOptions.defaults());
    }

    @Override
    public Endpoints endpoints() {
        return kit.endpoints();
    }

    /** Reads aws-ses-v2-local's {@code GET /store}: {@code {"emails":[{from, destination:{to}, subject, body}]}}. */
    @Override
    public List<SentEmail> sentEmails() {
        List<SentEmail> emails = new ArrayList<>();
        for (JsonNode email : Http.getJson(kit.endpoints().sesStore()).path("emails")) {
            List<String> to = new ArrayList<>();
            email.path("destination").path("to").forEach(address -> to.add(address.asString()));
            JsonNode body = email.path("body");
            emails.add(new SentEmail(Http.text(email, "from"), to, Http.text(email, "subject"),
                    Http.text(body, "html"), Http.text(body, "text")));
        }
        return emails;
    }
}
