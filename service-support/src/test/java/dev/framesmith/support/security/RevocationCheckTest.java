package dev.framesmith.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import com.sun.net.httpserver.HttpServer;
import dev.framesmith.support.tracing.Traces;
import dev.framesmith.testsupport.MutableClock;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.json.JsonMapper;

/** {@link RevocationCheck} against a stand-in for ms-auth's {@code POST /auth/validate}, over HTTP. */
class RevocationCheckTest {

    private static final Duration EVERY = Duration.ofSeconds(30);
    private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger status = new AtomicInteger(200);
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<RevocationCheck.Answer> answers = new CopyOnWriteArrayList<>();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private HttpServer msAuth;

    @BeforeEach
    void startMsAuth() throws IOException {
        msAuth = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        msAuth.createContext("/auth/validate", exchange -> {
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            try (InputStream body = exchange.getRequestBody()) {
                asked.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                        + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        msAuth.start();
    }

    @AfterEach
    void stopMsAuth() {
        msAuth.stop(0);
    }

    @Test
    void aUserTokenIsAskedAboutOnceInEachPeriodAndRefusedOnceMsAuthSaysItWasRevoked() {
        RevocationCheck check = check();

        assertThat(check.decode("user-token").getSubject()).isEqualTo("u-1");
        assertThat(check.decode("user-token").getSubject()).isEqualTo("u-1");
        assertThat(asked).containsExactly("POST application/json {\"token\":\"user-token\"}");

        status.set(401);
        clock.advance(EVERY.minusSeconds(1));
        assertThat(check.decode("user-token").getSubject()).as("still inside the period").isEqualTo("u-1");
        assertThat(asked).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> check.decode("user-token")).isInstanceOf(BadJwtException.class)
                .hasMessage("The token has been revoked");
        status.set(200);
        assertThatThrownBy(() -> check.decode("user-token")).as("a revoked token stays refused")
                .isInstanceOf(BadJwtException.class);
        assertThat(asked).hasSize(2);
        assertThat(answers).containsExactly(RevocationCheck.Answer.VALID, RevocationCheck.Answer.REVOKED);
    }

    @Test
    void tokensAlikeInUserVersionAndTimesShareOneAnswerAndAnyOtherIsAskedAboutItself() {
        RevocationCheck check = check();

        check.decode("user-token");
        check.decode("user-token-signed-again");
        assertThat(asked).hasSize(1);

        status.set(401);
        assertThatThrownBy(() -> check.decode("user-token-signed-again-later"))
                .hasMessage("The token has been revoked");
        status.set(200);
        assertThat(check.decode("user-token-after-reset").getSubject()).isEqualTo("u-1");
        assertThat(check.decode("user-token").getSubject()).as("its own answer still holds").isEqualTo("u-1");
        assertThat(answers).containsExactly(RevocationCheck.Answer.VALID, RevocationCheck.Answer.REVOKED,
                RevocationCheck.Answer.VALID);
    }

    @Test
    void serviceTokensAreNeverAskedAbout() {
        RevocationCheck check = check();

        assertThat(check.decode("service-token").getSubject()).isEqualTo("ms-video");

        assertThat(asked).isEmpty();
    }

    @Test
    void aTokenIsKeptWhenMsAuthCannotAnswerAndAskedAboutAgainAfterThePeriod() {
        RevocationCheck check = check();
        status.set(503);

        assertThat(check.decode("user-token").getSubject()).isEqualTo("u-1");
        msAuth.stop(0);
        clock.advance(EVERY);
        assertThat(check.decode("user-token").getSubject()).as("ms-auth away").isEqualTo("u-1");

        assertThat(answers).containsExactly(RevocationCheck.Answer.UNAVAILABLE, RevocationCheck.Answer.UNAVAILABLE);
    }

    @Test
    void theQuestionIsAClientSpanOfTheRequestAndCarriesItsTraceToMsAuth() {
        List<MutableSpan> finished = new CopyOnWriteArrayList<>();
        try (Tracing tracing = Tracing.newBuilder().traceId128Bit(true).propagationFactory(new W3CPropagation())
                .addSpanHandler(new SpanHandler() {
                    @Override
                    public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                        finished.add(span);
                        return true;
                    }
                }).build()) {
            Tracer tracer = new BraveTracer(tracing.tracer(),
                    new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
            RevocationCheck check = check(new Traces(tracer, new BravePropagator(tracing)));
            Span request = tracer.nextSpan().name("get /videos").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
                check.decode("user-token");
            } finally {
                request.end();
            }

            assertThat(finished).extracting(MutableSpan::name).containsExactly("post /auth/validate", "get /videos");
            MutableSpan question = finished.get(0);
            assertThat(question.kind()).isEqualTo(brave.Span.Kind.CLIENT);
            assertThat(question.remoteServiceName()).isEqualTo("ms-auth");
            assertThat(question.traceId()).isEqualTo(request.context().traceId());
            assertThat(question.parentId()).isEqualTo(request.context().spanId());
            assertThat(traceparents).containsExactly(
                    "00-" + question.traceId() + "-" + question.id() + "-01");
        }
    }

    @Test
    void aTokenTheServiceRefusesIsNeverAskedAbout() {
        RevocationCheck check = new RevocationCheck(token -> {
            throw new BadJwtException("bad signature");
        }, uri(), EVERY, 10, clock, JsonMapper.builder().build(), answers::add, Traces.none());

        assertThatThrownBy(() -> check.decode("user-token")).hasMessage("bad signature");
        assertThat(asked).isEmpty();
    }

    private RevocationCheck check() {
        return check(Traces.none());
    }

    private RevocationCheck check(Traces traces) {
        return new RevocationCheck(RevocationCheckTest::decoded, uri(), EVERY, 10, clock,
                JsonMapper.builder().build(), answers::add, traces);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + msAuth.getAddress().getPort() + "/auth/validate");
    }

    /** The service's own verification, done: a user token names an e-mail, a service token does not. */
    private static Jwt decoded(String token) {
        Instant issued = token.endsWith("later") ? ISSUED.plusSeconds(1) : ISSUED;
        Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256")
                .issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(15)));
        return token.startsWith("user")
                ? jwt.subject("u-1").claim(TokenClaims.EMAIL, "ada@example.com")
                        .claim(TokenClaims.TOKEN_VERSION, token.contains("reset") ? 2 : 1).build()
                : jwt.subject("ms-video").build();
    }
}
