package dev.framesmith.local.gateway;

import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;

/** Problem details (RFC 9457) the gateway writes itself, with the services' type prefix. */
final class Problems {

    private Problems() {
    }

    static String json(int status, String slug, String title, String detail) {
        return "{\"type\":\"https://framesmith.dev/problems/" + slug + "\",\"title\":\"" + escape(title)
                + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    /** The services' type of a request they cannot parse or will not route, which the gateway's 400s share. */
    static final String MALFORMED_REQUEST = "malformed-request";

    /**
     * The slug of a status's problem: {@code 408} → {@code request-timeout}; a 400 is the services'
     * {@link #MALFORMED_REQUEST}, so that one error has one type whichever of the two refuses it.
     */
    static String slug(int status) {
        if (status == HttpStatus.BAD_REQUEST_400) {
            return MALFORMED_REQUEST;
        }
        String reason = HttpStatus.getMessage(status);
        return reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
