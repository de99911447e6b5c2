package dev.framesmith.auth.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses as this service keeps them: trimmed, lower-cased, plain ASCII
 * {@code local@domain} with a dot-atom local part and a DNS host name, at most 254 characters.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;

    private static final int MAX_LOCAL_LENGTH = 64;
    private static final Pattern LOCAL_PART =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN =
            Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    private EmailAddresses() {
    }

    /** The stored form of an address: surrounding white space removed, lower case. */
    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether an already normalised address is syntactically valid. */
    static boolean isValid(String email) {
        if (email.length() > MAX_LENGTH) {
            return false;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at > MAX_LOCAL_LENGTH || at == email.length() - 1) {
            return false;
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        String topLevel = domain.substring(domain.lastIndexOf('.') + 1);
        return LOCAL_PART.matcher(local).matches()
                && DOMAIN.matcher(domain).matches()
                && HAS_LETTER.matcher(topLevel).matches();
    }
}
