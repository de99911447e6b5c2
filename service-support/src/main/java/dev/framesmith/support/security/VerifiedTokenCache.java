package dev.framesmith.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens its decoder accepted, so that the requests of a page, which all carry the same token, pay
 * for the RS256 signature check once. Only a token the decoder decoded and validated is kept, under the SHA-256 of
 * its text; a refused token is checked again every time. A kept token is given back only while its {@code exp}
 * (and {@code nbf}) still holds, with the validators' clock skew, on every hit; once it has expired it is dropped
 * and the decoder, which refuses it, is asked again. An entry lives at most until the token's expiry and at most
 * {@link #MAX_AGE}; at most {@code maxEntries} are kept, the least recently used going first. A token bound to a
 * client certificate ({@code cnf}) is never kept: its check depends on the request.
 */
final class VerifiedTokenCache implements JwtDecoder {

    /** The clock skew of the resource server's timestamp validator (its default, 60 s), and of the hit check. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** The longest an entry is kept, whatever the token's expiry. */
    static final Duration MAX_AGE = Duration.ofMinutes(15);

    /** What the cache did for one token: answered it, or asked the decoder. */
    interface Listener {
        Listener NONE = hit -> { };

        void looked(boolean hit);
    }

    private record Entry(Jwt jwt, Instant keepUntil) {
    }

    private final JwtDecoder decoder;
    private final int maxEntries;
    private final Clock clock;
    private final Listener listener;
    private final LinkedHashMap<String, Entry> entries;

    VerifiedTokenCache(JwtDecoder decoder, int maxEntries, Clock clock, Listener listener) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.decoder = decoder;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.listener = listener;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedTokenCache.this.maxEntries;
            }
        };
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (maxEntries == 0) {
            return decoder.decode(token);
        }
        String key = sha256(token);
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null) {
                if (stillValid(entry, now)) {
                    listener.looked(true);
                    return entry.jwt();
                }
                entries.remove(key);
            }
        }
        listener.looked(false);
        Jwt jwt = decoder.decode(token);
        Instant keepUntil = keepUntil(jwt, now);
        if (keepUntil != null) {
            synchronized (entries) {
                entries.put(key, new Entry(jwt, keepUntil));
            }
        }
        return jwt;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The validators' own rules for {@code exp} and {@code nbf}, at {@code now}. */
    private static boolean stillValid(Entry entry, Instant now) {
        if (now.isAfter(entry.keepUntil())) {
            return false;
        }
        Instant notBefore = entry.jwt().getNotBefore();
        return notBefore == null || !now.plus(CLOCK_SKEW).isBefore(notBefore);
    }

    /** Until when an accepted token may be answered from the cache, or null when it must not be kept. */
    private static Instant keepUntil(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null || jwt.hasClaim("cnf")) {
            return null;
        }
        Instant expiry = expiresAt.plus(CLOCK_SKEW);
        Instant longest = now.plus(MAX_AGE);
        return expiry.isBefore(longest) ? expiry : longest;
    }

    private static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm of every JVM", e);
        }
    }
}
