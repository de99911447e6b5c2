package dev.framesmith.notify.templates;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which links may be put into an e-mail: absolute {@code http} or {@code https} URLs with a host, nothing else. */
public final class WebLinks {

    /** Longer than any presigned S3 URL; anything beyond is not a link we sent. */
    public static final int MAX_LENGTH = 4096;

    private WebLinks() {
    }

    public static boolean isWebLink(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && !uri.isOpaque();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
