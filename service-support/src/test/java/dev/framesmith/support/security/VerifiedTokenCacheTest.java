package dev.framesmith.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.framesmith.testsupport.RsaKeys;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokenCacheTest {

    private static final KeyPair TRUSTED = RsaKeys.generate();
    private static final KeyPair UNTRUSTED = RsaKeys.generate();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final AtomicInteger decoderCalls = new AtomicInteger();
    /** The resource server's decoder, on the test's clock, counting the tokens it is asked to check. */
    private final JwtDecoder decoder = counting(nimbusOn(clock));

    @Test
    void aTokenSeenBeforeIsNotCheckedAgain() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 100, clock, VerifiedTokenCache.Listener.NONE);
        String token = token("u-1", clock.instant(), Duration.ofMinutes(15), TRUSTED);

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);

        assertThat(second.getSubject()).isEqualTo("u-1");
        assertThat(second).isSameAs(first);
        assertThat(decoderCalls).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefusedEvenThoughItWasKept() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 100, clock, VerifiedTokenCache.Listener.NONE);
        String token = token("u-1", clock.instant(), Duration.ofMinutes(5), TRUSTED);
        cache.decode(token);

        clock.advance(Duration.ofMinutes(5).plus(VerifiedTokenCache.CLOCK_SKEW).plusSeconds(1));

        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(decoderCalls).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void withinTheClockSkewAfterExpiryTheTokenStillCountsAsTheValidatorsSay() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 100, clock, VerifiedTokenCache.Listener.NONE);
        String token = token("u-1", clock.instant(), Duration.ofMinutes(5), TRUSTED);
        cache.decode(token);

        clock.advance(Duration.ofMinutes(5).plus(VerifiedTokenCache.CLOCK_SKEW).minusSeconds(1));

        assertThat(cache.decode(token).getSubject()).isEqualTo("u-1");
        assertThat(decoderCalls).hasValue(1);
    }

    @Test
    void aBadSignatureIsRefusedEveryTimeAndNeverKept() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 100, clock, VerifiedTokenCache.Listener.NONE);
        String forged = token("u-1", clock.instant(), Duration.ofMinutes(15), UNTRUSTED);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(BadJwtException.class);
        }

        assertThat(decoderCalls).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTamperedCopyOfAKeptTokenIsNotTakenForIt() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 100, clock, VerifiedTokenCache.Listener.NONE);
        String token = token("u-1", clock.instant(), Duration.ofMinutes(15), TRUSTED);
        cache.decode(token);
        String[] parts = token.split("\\.");
        String otherClaims = token("u-2", clock.instant(), Duration.ofMinutes(15), UNTRUSTED).split("\\.")[1];

        assertThatThrownBy(() -> cache.decode(parts[0] + "." + otherClaims + "." + parts[2]))
                .isInstanceOf(JwtException.class);
        assertThat(decoderCalls).hasValue(2);
    }

    @Test
    void atMostTheConfiguredNumberOfTokensIsKeptTheLeastRecentlyUsedGoingFirst() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 3, clock, VerifiedTokenCache.Listener.NONE);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(token("u-" + i, clock.instant(), Duration.ofMinutes(15), TRUSTED));
        }

        tokens.forEach(cache::decode);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(decoderCalls).hasValue(4);
        cache.decode(tokens.get(3));
        assertThat(decoderCalls).hasValue(4);
        cache.decode(tokens.get(0));
        assertThat(decoderCalls).hasValue(5);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void sizeZeroChecksEveryToken() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 0, clock, VerifiedTokenCache.Listener.NONE);
        String token = token("u-1", clock.instant(), Duration.ofMinutes(15), TRUSTED);

        cache.decode(token);
        cache.decode(token);
        cache.decode(token);

        assertThat(decoderCalls).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aLongLivedTokenIsCheckedAgainAfterTheLongestKeep() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 100, clock, VerifiedTokenCache.Listener.NONE);
        String token = token("u-1", clock.instant(), Duration.ofHours(1), TRUSTED);
        cache.decode(token);

        clock.advance(VerifiedTokenCache.MAX_AGE.plusSeconds(1));
        cache.decode(token);
        cache.decode(token);

        assertThat(decoderCalls).hasValue(2);
    }

    @Test
    void aTokenNotYetValidWhenAskedAgainIsCheckedAgain() {
        Instant notBefore = clock.instant().plus(Duration.ofMinutes(5));
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1").notBefore(notBefore)
                .expiresAt(notBefore.plus(Duration.ofMinutes(15))).build();
        AtomicInteger calls = new AtomicInteger();
        VerifiedTokenCache cache = new VerifiedTokenCache(token -> {
            calls.incrementAndGet();
            return jwt;
        }, 100, clock, VerifiedTokenCache.Listener.NONE);
        clock.set(notBefore);
        cache.decode("t");

        clock.set(notBefore.minus(VerifiedTokenCache.CLOCK_SKEW).minusSeconds(1));
        cache.decode("t");

        assertThat(calls).hasValue(2);
    }

    @Test
    void aTokenBoundToAClientCertificateIsNeverKept() {
        Jwt bound = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1")
                .expiresAt(clock.instant().plus(Duration.ofMinutes(15))).claim("cnf", Map.of("x5t#S256", "abc"))
                .build();
        AtomicInteger calls = new AtomicInteger();
        VerifiedTokenCache cache = new VerifiedTokenCache(token -> {
            calls.incrementAndGet();
            return bound;
        }, 100, clock, VerifiedTokenCache.Listener.NONE);

        cache.decode("t");
        cache.decode("t");

        assertThat(calls).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theListenerHearsHitsAndMisses() {
        List<Boolean> looked = new ArrayList<>();
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, 100, clock, looked::add);
        String token = token("u-1", clock.instant(), Duration.ofMinutes(15), TRUSTED);

        cache.decode(token);
        cache.decode(token);

        assertThat(looked).containsExactly(false, true);
    }

    private JwtDecoder counting(JwtDecoder real) {
        return token -> {
            decoderCalls.incrementAndGet();
            return real.decode(token);
        };
    }

    private static NimbusJwtDecoder nimbusOn(Clock clock) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) TRUSTED.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(VerifiedTokenCache.CLOCK_SKEW);
        timestamps.setClock(clock);
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator("framesmith")));
        return nimbus;
    }

    private static String token(String subject, Instant issued, Duration lifetime, KeyPair keys) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("framesmith")
                .subject(subject)
                .audience("framesmith-api")
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(lifetime)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock that stands still until the test moves it. */
    private static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
