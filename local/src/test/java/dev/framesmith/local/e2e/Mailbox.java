package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.testsupport.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The e-mails received by the SES stand-in, read from its {@code /store} JSON. */
final class Mailbox {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private final URI store;
    private final HttpClient http = HttpClient.newHttpClient();

    Mailbox(URI store) {
        this.store = store;
    }

    /** One received e-mail. */
    record Email(List<String> to, String subject, String text, String html) {

        /** Everything a reader sees: subject, text and HTML parts. */
        String content() {
            return subject + "\n" + text + "\n" + html;
        }

        /** The links in the text part (or, without one, the HTML part), with HTML escapes undone. */
        List<URI> links() {
            String source = text == null || text.isBlank() ? html : text;
            List<URI> links = new ArrayList<>();
            if (source == null) {
                return links;
            }
            Matcher matcher = LINK.matcher(source.replace("&amp;", "&"));
            while (matcher.find()) {
                links.add(URI.create(matcher.group().replaceAll("[.,;:)\\]]+$", "")));
            }
            return links;
        }
    }

    /**
     * The link of the account e-mail of this kind ({@code AccountLinks.VERIFY_EMAIL} or {@code RESET_PASSWORD}) sent
     * to the address, waiting for it to arrive; there must be exactly one such e-mail.
     */
    URI accountLink(String address, String key) {
        List<URI> links = await(key + " e-mail to " + address).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> to(address).stream().flatMap(email -> email.links().stream())
                        .filter(link -> link.getFragment() != null && link.getFragment().startsWith(key + "="))
                        .toList(), found -> !found.isEmpty());
        assertThat(links).as("%s links to %s", key, address).hasSize(1);
        return links.get(0);
    }

    /** The token an account link carries after its {@code #key=}. */
    static String token(URI accountLink) {
        return accountLink.getFragment().substring(accountLink.getFragment().indexOf('=') + 1);
    }

    /** Every e-mail sent to the address so far. */
    List<Email> to(String address) {
        JsonNode store = read();
        List<Email> emails = new ArrayList<>();
        for (JsonNode email : store.path("emails")) {
            List<String> to = new ArrayList<>();
            email.path("destination").path("to").forEach(recipient -> to.add(recipient.asString()));
            if (to.stream().anyMatch(recipient -> recipient.equalsIgnoreCase(address)
                    || recipient.toLowerCase().endsWith("<" + address.toLowerCase() + ">"))) {
                emails.add(new Email(to, email.path("subject").asString(""),
                        email.path("body").path("text").asString(""), email.path("body").path("html").asString("")));
            }
        }
        return emails;
    }

    private JsonNode read() {
        try {
            var response = http.send(HttpRequest.newBuilder(store).timeout(Duration.ofSeconds(30)).GET().build(),
                    BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the SES stand-in's store answered " + response.statusCode());
            }
            return Api.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
