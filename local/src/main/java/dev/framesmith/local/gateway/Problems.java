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

    /** The slug of a status's problem: {@code 408} → {@code request-timeout}. */
    static String slug(int status) {
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
