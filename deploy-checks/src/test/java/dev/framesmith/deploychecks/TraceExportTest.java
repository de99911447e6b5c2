package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceExportTest {

    private static final String SERVICES = "ms-auth|ms-video|ms-notify|video-worker";

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"infra/k8s/overlays/prod", "infra/k8s/overlays/aws-dev"})
    void everyServiceSendsItsSpansAsOtlpToTheCollectorsOtlpHttpReceiver(String overlay) {
        List<Manifest> manifests = Repository.render(overlay).manifests();

        assertThat(TraceExport.problems(overlay, manifests)).isEmpty();
        for (String service : SERVICES.split("\\|")) {
            assertThat(Manifest.find(manifests, "ConfigMap", service).orElseThrow().map("data"))
                    .containsEntry("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", "http://otel-collector:4318/v1/traces")
                    .containsEntry("FRAMESMITH_TRACING_FORMAT", "otlp");
        }
    }

    @Test
    void zipkinJsonToTheOtlpReceiverIsReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        Path wiring = copy.resolve("infra/k8s/aws/wiring/kustomization.yaml");
        Repository.replace(wiring, "        value: PROTO3\n", "        value: JSON\n");
        Repository.replace(wiring, "        value: otlp\n", "        value: zipkin\n");
        Repository.replace(wiring, "http://otel-collector:4318/v1/traces", "http://otel-collector:4318/api/v2/spans");

        List<String> problems = TraceExport.problems("prod",
                Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests());

        String where = "prod: ConfigMap ms-video -> http://otel-collector:4318/api/v2/spans: the otlp-http receiver on port 4318 reads ";
        assertThat(problems).hasSize(12).contains(where + "format otlp, the service sends zipkin",
                where + "encoding PROTO3, the service sends JSON", where + "path /v1/traces, the service sends /api/v2/spans");
    }

    @Test
    void aPortNoTracesReceiverListensOnIsReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        Repository.replace(copy.resolve("infra/k8s/base/otel-collector/otel-collector.yaml"),
                "receivers: [otlp]", "receivers: []");

        List<String> problems = TraceExport.problems("prod",
                Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests());

        assertThat(problems).hasSize(4).contains("prod: ConfigMap video-worker -> http://otel-collector:4318/v1/traces:"
                + " no receiver of the collector's traces pipeline listens there");
    }

    @Test
    void aZipkinReceiverReadsZipkinsFormatOnly(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        Path collector = copy.resolve("infra/k8s/base/otel-collector/otel-collector.yaml");
        Repository.replace(collector, "    receivers:\n", "    receivers:\n      zipkin:\n        endpoint: 0.0.0.0:9411\n");
        Repository.replace(collector, "receivers: [otlp]", "receivers: [zipkin, otlp]");
        Repository.replace(collector, "            - name: otlp-http\n",
                "            - name: zipkin\n              containerPort: 9411\n            - name: otlp-http\n");
        Repository.replace(collector, "    - name: otlp-http\n      port: 4318\n",
                "    - name: zipkin\n      port: 9411\n      targetPort: zipkin\n    - name: otlp-http\n      port: 4318\n");
        Path wiring = copy.resolve("infra/k8s/aws/wiring/kustomization.yaml");
        Repository.replace(wiring, "http://otel-collector:4318/v1/traces", "http://otel-collector:9411/api/v2/spans");
        List<Manifest> zipkinWithOtlpSettings = Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests();
        Repository.replace(wiring, "        value: PROTO3\n", "        value: JSON\n");
        Repository.replace(wiring, "        value: otlp\n", "        value: zipkin\n");

        assertThat(TraceExport.problems("prod", zipkinWithOtlpSettings)).hasSize(4).contains("prod: ConfigMap ms-auth"
                + " -> http://otel-collector:9411/api/v2/spans: the zipkin receiver on port 9411 reads format zipkin,"
                + " the service sends otlp");
        assertThat(TraceExport.problems("prod", Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests()))
                .isEmpty();
    }
}
