package dev.framesmith.contracts;

/**
 * The links of the account e-mails: the web page with the token in the fragment, e.g.
 * {@code https://app.example/#verify-email=<token>}. A fragment never reaches a server, so the token stays
 * out of access logs, proxies and {@code Referer} headers; the page reads it, sends it in a request body and
 * removes it from the address bar.
 */
public final class AccountLinks {

    /** Fragment key of the address-verification link. */
    public static final String VERIFY_EMAIL = "verify-email";
    /** Fragment key of the password-reset link. */
    public static final String RESET_PASSWORD = "reset-password";

    private AccountLinks() {
    }

    /**
     * The link for an account e-mail.
     *
     * @param appUrl the web page, an absolute http(s) URL
     * @param token  the single-use token (URL-safe base64)
     */
    public static String link(NotificationTemplate template, String appUrl, String token) {
        String key = switch (template) {
            case VERIFY_EMAIL -> VERIFY_EMAIL;
            case RESET_PASSWORD -> RESET_PASSWORD;
            default -> throw new IllegalArgumentException(template + " has no account link");
        };
        if (token == null || !token.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new IllegalArgumentException("not an account token");
        }
        String page = appUrl.endsWith("/") ? appUrl : appUrl + "/";
        return page + "#" + key + "=" + token;
    }
}
