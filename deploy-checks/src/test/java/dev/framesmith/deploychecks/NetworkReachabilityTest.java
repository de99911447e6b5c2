package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkReachabilityTest {

    private static final String JWKS = "http://ms-auth:8081/auth/.well-known/jwks.json";
    private static final String TOKEN_CHECK = "http://ms-auth:8081/auth/validate";

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
    }

    /** Each overlay's whole render (the per-Application directories below prod and aws-dev are parts of it). */
    static List<String> overlays() {
        Path overlays = Repository.path("infra/k8s/overlays");
        return Repository.deployableDirectories().stream().filter(d -> overlays.equals(d.getParent()))
                .map(Repository::relative).toList();
    }

    @Test
    void everyOverlayIsChecked() {
        assertThat(overlays()).contains("infra/k8s/overlays/dev", "infra/k8s/overlays/prod", "infra/k8s/overlays/aws-dev");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyConfiguredInClusterUrlIsReachableAndManagementPortsOnlyFromMonitoring(String overlay) {
        assertThat(NetworkReachability.problems(overlay, Repository.render(overlay).manifests())).isEmpty();
    }

    @Test
    void theSigningKeysAndNotifyClientsOnTheManagementPortsAreReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        oneRuleOnTheManagementPort(copy.resolve("infra/k8s/base/ms-auth/network-policy.yaml"), "jwks-client", 8081);
        oneRuleOnTheManagementPort(copy.resolve("infra/k8s/base/ms-notify/network-policy.yaml"), "notify-client", 8083);

        List<Manifest> manifests = Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests();
        List<String> problems = NetworkReachability.problems("prod", manifests);

        assertThat(Manifest.find(manifests, "NetworkPolicy", "ms-auth").orElseThrow().list("spec", "ingress"))
                .singleElement().satisfies(rule -> assertThat(Yaml.list(rule, "ports")).containsExactly(Map.of("protocol", "TCP", "port", 9081)));
        assertThat(problems).containsExactlyInAnyOrder(
                "prod: Deployment ms-video -> " + JWKS + ": no NetworkPolicy admits Deployment ms-video into"
                        + " Deployment ms-auth port 8081 (Service ms-auth port 8081)",
                "prod: Deployment ms-video -> " + TOKEN_CHECK + ": no NetworkPolicy admits Deployment ms-video into"
                        + " Deployment ms-auth port 8081 (Service ms-auth port 8081)",
                "prod: Deployment ms-notify -> " + JWKS + ": no NetworkPolicy admits Deployment ms-notify into"
                        + " Deployment ms-auth port 8081 (Service ms-auth port 8081)",
                "prod: Deployment ms-auth management port 9081 is open to"
                        + " {podSelector={matchLabels={framesmith.dev/jwks-client=true}}} (NetworkPolicy ms-auth)",
                "prod: Deployment ms-notify management port 9083 is open to"
                        + " {podSelector={matchLabels={framesmith.dev/notify-client=true}}} (NetworkPolicy ms-notify)");
    }

    @Test
    void aClientWithoutEgressAWrongPortAndAnOpenManagementPortAreReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        Repository.replace(copy.resolve("infra/k8s/base/ms-video/network-policy.yaml"),
                "              app.kubernetes.io/name: ms-auth\n      ports:\n        - protocol: TCP\n          port: 8081",
                "              app.kubernetes.io/name: ms-auth\n      ports:\n        - protocol: TCP\n          port: 8080");
        Repository.replace(copy.resolve("infra/k8s/base/ms-notify/configmap.yaml"),
                "http://ms-auth:8081/", "http://ms-auth.video-system.svc.cluster.local:8082/");
        Repository.replace(copy.resolve("infra/k8s/base/video-worker/network-policy.yaml"),
                "        - namespaceSelector:", "        - ipBlock:\n            cidr: 10.0.0.0/16\n        - namespaceSelector:");

        List<String> problems = NetworkReachability.problems("prod",
                Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests());

        assertThat(problems).containsExactlyInAnyOrder(
                "prod: Deployment ms-video -> " + JWKS + ": no NetworkPolicy lets Deployment ms-video out to"
                        + " Deployment ms-auth port 8081 (Service ms-auth port 8081)",
                "prod: Deployment ms-video -> " + TOKEN_CHECK + ": no NetworkPolicy lets Deployment ms-video out to"
                        + " Deployment ms-auth port 8081 (Service ms-auth port 8081)",
                "prod: Deployment ms-notify -> http://ms-auth.video-system.svc.cluster.local:8082/auth/.well-known/jwks.json:"
                        + " Service ms-auth has no port 8082",
                "prod: Deployment video-worker management port 9084 is open to {ipBlock={cidr=10.0.0.0/16}}"
                        + " (NetworkPolicy video-worker)");
    }

    /**
     * The ingress rules of ms-auth and ms-notify as they were before the app clients had their own rule: the client
     * label and the monitoring namespace in one rule, on the management port only.
     */
    private static void oneRuleOnTheManagementPort(Path policy, String clientLabel, int servicePort) {
        String label = "              framesmith.dev/" + clientLabel + ": \"true\"\n";
        Repository.replace(policy, label + "      ports:\n        - protocol: TCP\n          port: " + servicePort + "\n"
                + "    # Health and metrics on the management port: Prometheus only (the kubelet's probes are not subject to\n"
                + "    # network policies).\n    - from:\n", label);
    }
}
