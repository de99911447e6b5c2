package dev.framesmith.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.framesmith.testsupport.TestTokens;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cluster's export: with {@code framesmith.tracing.format=otlp} a service posts its spans to the OpenTelemetry
 * Collector's OTLP/HTTP receiver as {@code ExportTraceServiceRequest} protobuf. The collector here is a stand-in on
 * 127.0.0.1 that records each request; the span of a request must arrive with the trace id the response named.
 */
class OtlpSpanExportTest {

    private record Received(String path, String contentType, String contentEncoding, byte[] body) {

        byte[] decoded() throws IOException {
            return "gzip".equals(contentEncoding) ? new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes()
                    : body;
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer collector;

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Content-Encoding"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    @Test
    void aRequestsSpanReachesTheCollectorAsOtlpWithTheXrayReadyTraceIdTheResponseNamed() throws Exception {
        String traceparent;
        Instant started = Instant.now();
        try (ConfigurableApplicationContext service = start("otlp", "PROTO3")) {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/public/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            traceparent = response.headers().firstValue("traceparent").orElseThrow();
        } // closing the context flushes the reporter

        assertThat(received).isNotEmpty().allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/v1/traces");
            assertThat(request.contentType()).isEqualTo("application/x-protobuf");
        });
        List<ResourceSpans> exported = new ArrayList<>();
        for (Received request : received) {
            exported.addAll(ExportTraceServiceRequest.parseFrom(request.decoded()).getResourceSpansList());
        }
        String traceId = traceparent.split("-")[1];
        // X-Ray, behind the collector, keeps only traces whose id starts with the epoch second they began (within
        // the last 30 days): Brave's 128-bit ids do.
        assertThat(Long.parseLong(traceId.substring(0, 8), 16)).isBetween(started.getEpochSecond(),
                Instant.now().getEpochSecond());
        assertThat(exported).anySatisfy(resourceSpans -> {
            assertThat(attributes(resourceSpans.getResource().getAttributesList()))
                    .containsEntry("service.name", "otlp-test-service");
            Span span = resourceSpans.getScopeSpans(0).getSpans(0);
            assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray())).isEqualTo(traceId);
            assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(span.getName()).isEqualTo("http get /public/ping");
        });
    }

    @Test
    void otlpWithAnotherEncodingStopsTheServiceAtStart() {
        assertThatThrownBy(() -> start("otlp", "JSON").close())
                .hasStackTraceContaining("Encoder doesn't match Sender: PROTO3 JSON");
    }

    private ConfigurableApplicationContext start(String format, String encoding) {
        Map<String, Object> properties = new HashMap<>(TestTokens.springProperties());
        properties.put("spring.application.name", "otlp-test-service");
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("spring.cloud.aws.sqs.enabled", "false");
        properties.put("spring.cloud.aws.s3.enabled", "false");
        properties.put("spring.cloud.aws.dynamodb.enabled", "false");
        properties.put("framesmith.security.jwt.public-paths", "/public/**");
        properties.put("management.tracing.sampling.probability", "1.0");
        properties.put("management.tracing.export.zipkin.enabled", "true");
        properties.put("management.tracing.export.zipkin.endpoint",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
        properties.put("management.tracing.export.zipkin.encoding", encoding);
        properties.put("framesmith.tracing.format", format);
        return new SpringApplicationBuilder(SupportTestApplication.class).properties(properties).run();
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> values = new HashMap<>();
        attributes.forEach(attribute -> values.put(attribute.getKey(), attribute.getValue().getStringValue()));
        return values;
    }
}
