package dev.framesmith.support.tracing;

import brave.Tag;
import brave.Tags;
import brave.handler.MutableSpan;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.otel.brave.OtlpProtoV1Encoder;

/**
 * Spans as OTLP (protobuf, {@code application/x-protobuf}) instead of Zipkin's JSON, where
 * {@code framesmith.tracing.format=otlp}: the cluster's OpenTelemetry Collector receives them on its OTLP/HTTP
 * receiver ({@code management.tracing.export.zipkin.endpoint=http://otel-collector:4318/v1/traces}, with
 * {@code management.tracing.export.zipkin.encoding=PROTO3}, the content type the reporter then sends; any other
 * encoding stops the service at start). The spans, their batching and their sender stay Spring's; only the encoding
 * of each span changes, and batches of OTLP {@code TracesData} concatenate into one export request. The local run
 * keeps Zipkin's format for its Zipkin server.
 */
@AutoConfiguration(beforeName =
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration")
@ConditionalOnProperty(prefix = "framesmith.tracing", name = "format", havingValue = "otlp")
public class OtlpSpanFormatAutoConfiguration {

    @Bean
    BytesEncoder<MutableSpan> otlpSpanEncoder(ObjectProvider<Tag<Throwable>> errorTag) {
        return OtlpProtoV1Encoder.newBuilder().errorTag(errorTag.getIfAvailable(() -> Tags.ERROR)).build();
    }
}
