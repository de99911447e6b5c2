package dev.framesmith.support.messaging;

import dev.framesmith.contracts.Headers;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The W3C {@code traceparent} of the work at hand, kept in the log context so that every log line
 * carries its {@code traceId} and every message sent passes it on. Continued from an incoming HTTP
 * header or SQS message attribute, or started here. One trace thus runs from an upload through the
 * worker to the e-mail.
 */
public final class TraceContext {

    public static final String TRACEPARENT = Headers.TRACEPARENT;
    public static final String TRACE_ID = "traceId";

    private static final Pattern VALID = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceContext() {
    }

    /**
     * Continues the given trace, with a new span id, when it is a valid {@code traceparent};
     * otherwise starts a new trace. Returns the {@code traceparent} now current.
     */
    public static String begin(String incoming) {
        String trimmed = incoming == null ? "" : incoming.trim();
        String traceId = VALID.matcher(trimmed).matches() ? trimmed.substring(3, 35) : hex(16);
        String traceparent = "00-" + traceId + "-" + hex(8) + "-01";
        MDC.put(TRACEPARENT, traceparent);
        MDC.put(TRACE_ID, traceId);
        return traceparent;
    }

    /** The current {@code traceparent}, or {@code null} outside a trace. */
    public static String current() {
        return MDC.get(TRACEPARENT);
    }

    public static void end() {
        MDC.remove(TRACEPARENT);
        MDC.remove(TRACE_ID);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
