package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HPAs on Resource metrics of the overlays deployed to EKS have metrics-server in the cluster. */
class MetricsSourcesTest {

    private static final String EKS = "infra/terraform/modules/eks/main.tf";

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "aws-dev"})
    void everyHpaOnResourceMetricsOfAnEksOverlayHasMetricsServer(String overlay) {
        List<Manifest> manifests = Repository.render("infra/k8s/overlays/" + overlay).manifests();
        Set<String> addons = MetricsSources.eksAddons(Repository.path(EKS));

        assertThat(addons).contains("metrics-server", "vpc-cni", "coredns");
        assertThat(MetricsSources.problems(overlay, manifests, Set.of())).as("the overlay has HPAs on Resource metrics")
                .isNotEmpty();
        assertThat(MetricsSources.problems(overlay, manifests, addons)).isEmpty();
    }

    @Test
    void aClusterWithoutMetricsServerIsReportedWithTheHpasThatWouldNeverScale(@TempDir Path copy) {
        Repository.copy(copy, EKS);
        Repository.replace(copy.resolve(EKS), ", \"metrics-server\"", "");
        List<Manifest> manifests = Repository.render("infra/k8s/overlays/prod").manifests();

        Set<String> addons = MetricsSources.eksAddons(copy.resolve(EKS));

        assertThat(addons).doesNotContain("metrics-server").contains("coredns");
        assertThat(MetricsSources.problems("prod", manifests, addons)).singleElement().asString()
                .startsWith("prod: HorizontalPodAutoscaler ").contains("ms-video").contains("never scale");
    }
}
