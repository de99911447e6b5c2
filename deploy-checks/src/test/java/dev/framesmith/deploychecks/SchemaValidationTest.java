package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaValidationTest {

    private static final SchemaValidator VALIDATOR = new SchemaValidator(Repository.ROOT);

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
    }

    @Test
    void everyRenderedObjectMatchesItsKubernetesOrCustomResourceSchema(@TempDir Path rendered) {
        List<Path> files = new ArrayList<>();
        for (Path directory : Repository.deployableDirectories()) {
            String name = Repository.relative(directory).replace('/', '_') + ".yaml";
            files.add(Repository.writeTemp(rendered, name, Repository.render(directory).yaml()));
        }

        Processes.Result result = VALIDATOR.validate(files);

        assertThat(result.output()).doesNotContain("INVALID");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsPattern("validated \\d{2,} objects, 0 invalid");
    }

    @Test
    void misspeltMistypedAndMissingFieldsInABrokenCopyAreRejected(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        // An unknown field deep in a Deployment's pod template.
        Repository.replace(copy.resolve("infra/k8s/base/ms-video/deployment.yaml"),
                "            - name: http\n              containerPort: 8082",
                "            - name: http\n              containerPorts: 8082");
        // A wrong type in a KEDA custom resource.
        Repository.replace(copy.resolve("infra/k8s/base/video-worker/scaledobject.yaml"),
                "  maxReplicaCount: 10", "  maxReplicaCount: ten");
        // A misspelt field in an External Secrets custom resource.
        Repository.replace(copy.resolve("infra/k8s/aws/secrets/external-secrets.yaml"),
                "  refreshInterval: 5m", "  refreshIntervall: 5m");
        // A value outside its enum.
        Repository.replace(copy.resolve("infra/k8s/base/ms-auth/service.yaml"), "      protocol: TCP", "      protocol: TPC");
        Path render = Repository.writeTemp(copy, "prod.yaml", Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).yaml());

        Processes.Result result = VALIDATOR.validate(List.of(render));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .containsPattern("INVALID .*Deployment video-system/ms-video: .*containerPorts")
                .containsPattern("INVALID .*ScaledObject video-system/video-worker: .*maxReplicaCount must be integer")
                .containsPattern("INVALID .*ExternalSecret video-system/ms-auth-db: .*refreshIntervall")
                .containsPattern("INVALID .*Service video-system/ms-auth: .*protocol must be equal to one of the allowed values")
                .contains("4 invalid");
    }

    @Test
    void anObjectWithoutASchemaOrWithoutARequiredFieldIsRejected(@TempDir Path dir) {
        Path file = Repository.writeTemp(dir, "unknown.yaml", """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: gadget
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: no-selector
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: framesmith/ms-auth:1
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: typo
                spec:
                  selector: {}
                  endpoint:
                    - port: http
                """);

        Processes.Result result = VALIDATOR.validate(List.of(file));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("Widget gadget: no schema for example.com/v1 Widget")
                .containsPattern("Deployment no-selector: .*required property selector")
                .containsPattern("ServiceMonitor typo: .*endpoint")
                .contains("3 invalid");
    }
}
