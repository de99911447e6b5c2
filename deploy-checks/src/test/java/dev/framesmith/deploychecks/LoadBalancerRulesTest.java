package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoadBalancerRulesTest {

    private static final Path TERRAFORM = Repository.path("infra/terraform");

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"infra/k8s/overlays/prod, prod", "infra/k8s/overlays/aws-dev, dev"})
    void theLoadBalancerReachesThePodsFromItsOwnSubnetsOnly(String overlay, String environment) {
        List<Manifest> manifests = Repository.render(overlay).manifests();
        Map<String, String> outputs = OverlayWiring.envValues(Repository.path(overlay + "/aws-outputs/aws.env"));
        LoadBalancerRules.Subnets subnets = LoadBalancerRules.subnets(TERRAFORM, outputs.get("VPC_CIDR"),
                availabilityZones(environment));

        // Terraform's ALB_SUBNETS_CIDR holds every public subnet and no private one, and the overlay uses it.
        assertThat(subnets.publicSubnets()).hasSize(availabilityZones(environment))
                .allMatch(subnets.publicRange()::contains);
        assertThat(subnets.privateSubnets()).noneMatch(subnets.publicRange()::overlaps);
        assertThat(outputs).containsEntry("ALB_SUBNETS_CIDR", subnets.publicRange().toString());
        assertThat(Manifest.ofKind(manifests, "NetworkPolicy")).extracting(Manifest::name)
                .contains("ms-auth-from-gateway", "ms-video-from-gateway");
        assertThat(LoadBalancerRules.albSourceProblems(overlay, manifests, subnets)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"infra/k8s/overlays/prod", "infra/k8s/overlays/aws-dev"})
    void rollingUpdatesWaitUntilTheLoadBalancerSendsTrafficToTheNewPods(String overlay) {
        assertThat(LoadBalancerRules.readinessGateProblems(overlay, Repository.render(overlay).manifests())).isEmpty();
    }

    @Test
    void gatewayPoliciesOpenToTheWholeVpcAndANamespaceWithoutReadinessGatesAreReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        Repository.replace(copy.resolve("infra/k8s/base/common/namespace.yaml"),
                "    elbv2.k8s.aws/pod-readiness-gate-inject: enabled\n", "");
        Repository.replace(copy.resolve("infra/k8s/aws/wiring/kustomization.yaml"),
                "fieldPath: data.ALB_SUBNETS_CIDR", "fieldPath: data.VPC_CIDR");
        List<Manifest> manifests = Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests();
        LoadBalancerRules.Subnets subnets = LoadBalancerRules.subnets(TERRAFORM, "10.0.0.0/16", 3);

        assertThat(LoadBalancerRules.readinessGateProblems("prod", manifests)).singleElement().asString()
                .contains("Namespace video-system lacks the label elbv2.k8s.aws/pod-readiness-gate-inject=enabled");
        assertThat(LoadBalancerRules.albSourceProblems("prod", manifests, subnets))
                .anySatisfy(problem -> assertThat(problem).contains("NetworkPolicy ms-auth-from-gateway admits 10.0.0.0/16,"
                        + " which overlaps the private subnet 10.0.128.0/20"))
                .anySatisfy(problem -> assertThat(problem).contains("NetworkPolicy ms-video-from-gateway admits 10.0.0.0/16"));
    }

    @Test
    void subnetsAreLaidOutAsTerraformsCidrsubnetDoes() {
        LoadBalancerRules.Subnets subnets = LoadBalancerRules.subnets(TERRAFORM, "10.20.0.0/16", 3);

        assertThat(subnets.publicSubnets()).extracting(Object::toString)
                .containsExactly("10.20.0.0/20", "10.20.16.0/20", "10.20.32.0/20");
        assertThat(subnets.privateSubnets()).extracting(Object::toString)
                .containsExactly("10.20.128.0/20", "10.20.144.0/20", "10.20.160.0/20");
        assertThat(subnets.publicRange()).hasToString("10.20.0.0/17");
    }

    /** How many zones an environment spreads over: the default of its availability_zones variable. */
    private static int availabilityZones(String environment) {
        Hcl variables = new Hcl(Yaml.read(TERRAFORM.resolve("environments/" + environment + "/variables.tf")));
        Hcl.Block zones = variables.blocks("variable").stream().filter(b -> b.label(0).equals("availability_zones"))
                .findFirst().orElseThrow();
        return IamPolicy.evaluate(variables.attributeValues(zones).get("default"), reference -> List.of()).size();
    }
}
