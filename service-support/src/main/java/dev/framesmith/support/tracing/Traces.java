package dev.framesmith.support.tracing;

import dev.framesmith.contracts.Headers;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The spans Micrometer Tracing cannot make by itself here, on the service's {@link Tracer} (Brave, exported to
 * Zipkin or an OpenTelemetry Collector): the SQS hops of the raw SDK client (the trace context travels in the
 * {@code traceparent} message attribute, W3C like the HTTP header), a trace resumed from a stored
 * {@code traceparent} (ms-auth's outbox), and a service's own steps (the worker's phases, the SES call). HTTP
 * requests are traced by Spring itself.
 * <p>
 * A consumer's span is a <em>child</em> of the producer's span, not a link: each message is processed on its own
 * (no batch), which OpenTelemetry's messaging conventions allow to be parented, and it keeps one upload one trace,
 * from the request through the worker to the e-mail, as a trace UI shows it.
 */
public final class Traces {

    private final Tracer tracer;
    private final Propagator propagator;

    public Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing at all: every span is a no-op and nothing is propagated. */
    public static Traces none() {
        return new Traces(Tracer.NOOP, Propagator.NOOP);
    }

    /**
     * Runs {@code send} in a PRODUCER span {@code send <queue>}, a child of the current span, after writing the
     * span's context into {@code attributes} (the message attributes to send).
     */
    public <T> T send(String queue, Map<String, String> attributes, Supplier<T> send) {
        Span span = messaging(child(), "send " + queue, Span.Kind.PRODUCER, queue).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            propagator.inject(span.context(), attributes, Map::put);
            return send.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Starts the CONSUMER span {@code process <queue>} of one received message, a child of the span that sent it
     * (read from the message's attributes), or the root of a new trace. End it, in scope with {@link #inScope}.
     */
    public Span receive(String queue, Function<String, String> attributes) {
        Span.Builder builder = propagator.extract(attributes, (carrier, key) -> carrier == null ? null
                : carrier.apply(key));
        return messaging(builder, "process " + queue, Span.Kind.CONSUMER, queue).start();
    }

    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** The W3C {@code traceparent} of the current span, to store with work done later; {@code null} outside one. */
    public String traceparent() {
        Span current = tracer.currentSpan();
        if (current == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(current.context(), carrier, Map::put);
        return carrier.get(Headers.TRACEPARENT);
    }

    /** Runs {@code work} in a span {@code name} that continues a stored {@code traceparent} (or starts a trace). */
    public void resume(String name, String traceparent, Runnable work) {
        Map<String, String> carrier = traceparent == null ? Map.of() : Map.of(Headers.TRACEPARENT, traceparent);
        Span span = propagator.extract(carrier, (map, key) -> map == null ? null : map.get(key)).name(name).start();
        run(span, () -> {
            work.run();
            return null;
        });
    }

    /** Runs one step of the work at hand in its own child span {@code name}. */
    public <T> T step(String name, Supplier<T> step) {
        return run(child().name(name).start(), step);
    }

    /** Runs a call to another system ({@code remoteService}, e.g. {@code ses}) in a CLIENT span {@code name}. */
    public <T> T call(String name, String remoteService, Supplier<T> call) {
        return run(child().name(name).kind(Span.Kind.CLIENT).remoteServiceName(remoteService).start(), call);
    }

    /** Runs what it is given, on the caller's thread, inside the span current here and now (for another thread). */
    public Executor inCurrentSpan() {
        Span current = tracer.currentSpan();
        return work -> {
            try (Tracer.SpanInScope scope = tracer.withSpan(current)) {
                work.run();
            }
        };
    }

    private <T> T run(Span span, Supplier<T> work) {
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** A span of the current one, or the root of a new trace outside one. */
    private Span.Builder child() {
        Span current = tracer.currentSpan();
        Span.Builder builder = tracer.spanBuilder();
        return current == null ? builder.setNoParent() : builder.setParent(current.context());
    }

    private static Span.Builder messaging(Span.Builder span, String name, Span.Kind kind, String queue) {
        return span.name(name).kind(kind).remoteServiceName("sqs").tag("messaging.system", "aws_sqs")
                .tag("messaging.destination.name", queue);
    }
}
