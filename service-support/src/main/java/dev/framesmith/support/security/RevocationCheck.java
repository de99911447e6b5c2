package dev.framesmith.support.security;

import dev.framesmith.contracts.Headers;
import dev.framesmith.support.tracing.Traces;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks ms-auth whether a user token this service accepted has been revoked since (a password reset raises the
 * user's token version), at most once per {@code every} for each token: a revoked token is refused here within
 * that time instead of living until it expires. The token is first checked here as always (signature, expiry,
 * audience) by the wrapped decoder; only then is ms-auth's {@code POST /auth/validate} asked, and only for user
 * tokens (those with an e-mail claim; service tokens carry no version). ms-auth's 401 refuses the token, here and
 * from then on; its 200 keeps the token for {@code every}; no answer (ms-auth away, a timeout, any other status)
 * keeps it too, since its signature still holds: an outage of ms-auth takes no one's session away, and the token
 * is asked about again after {@code every}. Answers are remembered by what they depend on ({@link #key}), not by
 * the token's text. At most {@code maxEntries} tokens are remembered (never fewer than
 * {@link #MIN_ENTRIES}), the least recently used going first. Each question is a CLIENT span
 * {@code post /auth/validate} of the work that brought the token (the request, or an event stream's check), its
 * context sent in {@code traceparent}, so that ms-auth's answer is part of the same trace.
 */
final class RevocationCheck implements JwtDecoder {

    private static final Logger log = LoggerFactory.getLogger(RevocationCheck.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /**
     * Answers are remembered for this many tokens even where the cache of verified tokens is small or off
     * ({@code cache-size} 0): forgetting them would ask ms-auth on every request.
     */
    static final int MIN_ENTRIES = 1000;

    /** What ms-auth said about a token. */
    enum Answer { VALID, REVOKED, UNAVAILABLE }

    /** What the check did for one token, for a metric. */
    interface Listener {
        Listener NONE = answer -> { };

        void asked(Answer answer);
    }

    private record Checked(Instant at, boolean revoked) {
    }

    private final JwtDecoder decoder;
    private final URI uri;
    private final Duration every;
    private final Clock clock;
    private final JsonMapper json;
    private final Listener listener;
    private final Traces traces;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final LinkedHashMap<String, Checked> checked;

    RevocationCheck(JwtDecoder decoder, URI uri, Duration every, int maxEntries, Clock clock, JsonMapper json,
            Listener listener, Traces traces) {
        this.decoder = decoder;
        this.uri = uri;
        this.every = every;
        this.clock = clock;
        this.json = json;
        this.listener = listener;
        this.traces = traces;
        this.checked = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Checked> eldest) {
                return size() > Math.max(MIN_ENTRIES, maxEntries);
            }
        };
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = decoder.decode(token);
        if (!jwt.hasClaim(TokenClaims.EMAIL)) {
            return jwt;
        }
        String key = key(jwt);
        Instant now = clock.instant();
        synchronized (checked) {
            Checked last = checked.get(key);
            if (last != null && last.revoked()) {
                throw revoked();
            }
            if (last != null && now.isBefore(last.at().plus(every))) {
                return jwt;
            }
        }
        Answer answer = traces.call("post /auth/validate", "ms-auth", () -> ask(token));
        listener.asked(answer);
        synchronized (checked) {
            checked.put(key, new Checked(now, answer == Answer.REVOKED));
        }
        if (answer == Answer.REVOKED) {
            throw revoked();
        }
        return jwt;
    }

    /**
     * What ms-auth's answer depends on: the user and the token version the token was issued with (a reset raises
     * the user's version), and its issue and expiry times (ms-auth also refuses a token that has just expired).
     * Tokens alike in all four get the same answer, so they share it; no token text is kept or hashed.
     */
    private static String key(Jwt jwt) {
        return jwt.getSubject() + ' ' + jwt.getClaim(TokenClaims.TOKEN_VERSION) + ' ' + jwt.getIssuedAt() + ' '
                + jwt.getExpiresAt();
    }

    private Answer ask(String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("token", token))));
        String traceparent = traces.traceparent();
        if (traceparent != null) {
            builder.header(Headers.TRACEPARENT, traceparent);
        }
        HttpRequest request = builder.build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return Answer.VALID;
            }
            if (status == 401) {
                return Answer.REVOKED;
            }
            log.warn("ms-auth answered {} when asked whether a token was revoked; it is kept for now", status);
        } catch (IOException e) {
            log.warn("ms-auth could not be asked whether a token was revoked ({}); it is kept for now", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Answer.UNAVAILABLE;
    }

    private static BadJwtException revoked() {
        return new BadJwtException("The token has been revoked");
    }
}
