package dev.framesmith.auth.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The network address a request comes from, the subject of logins' and requests' limits. With
 * {@code framesmith.auth.trust-forwarded-for} it is the
 * last {@code X-Forwarded-For} entry, the one the nearest proxy appended (entries before it are
 * whatever the client sent); otherwise, or when that entry is not an IP address, the peer's address.
 */
@Component
public class ClientAddresses {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int MAX_ADDRESS_LENGTH = 45;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final boolean trustForwardedFor;

    ClientAddresses(ClientAddressProperties properties) {
        this.trustForwardedFor = properties.trustForwardedFor();
    }

    public String of(HttpServletRequest request) {
        if (trustForwardedFor) {
            String header = request.getHeader(FORWARDED_FOR);
            if (header != null) {
                String last = header.substring(header.lastIndexOf(',') + 1).strip();
                String address = canonical(last);
                if (address != null) {
                    return address;
                }
            }
        }
        String peer = canonical(request.getRemoteAddr());
        return peer != null ? peer : "unknown";
    }

    private static boolean isIpv4(String text) {
        if (!IPV4.matcher(text).matches()) {
            return false;
        }
        for (String octet : text.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The address in its canonical text form; {@code null} unless it is an IP literal (never a DNS lookup). */
    static String canonical(String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (candidate.isEmpty() || candidate.length() > MAX_ADDRESS_LENGTH
                || !(isIpv4(candidate) || IPV6.matcher(candidate).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
