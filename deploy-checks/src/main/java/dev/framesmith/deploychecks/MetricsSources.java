package dev.framesmith.deploychecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A HorizontalPodAutoscaler that scales on a Resource metric (CPU, memory) reads the resource metrics API, which only
 * metrics-server serves: without it the HPA never scales. An EKS cluster has no metrics-server unless an add-on
 * installs it, so for the overlays deployed to the cluster of {@code modules/eks}, that module's add-ons
 * ({@code aws_eks_addon}) must include it whenever a rendered HPA uses a Resource metric.
 */
public final class MetricsSources {

    static final String METRICS_SERVER = "metrics-server";

    private MetricsSources() {
    }

    /** The add-ons a {@code modules/eks/main.tf} installs: the set its {@code aws_eks_addon} iterates over. */
    public static Set<String> eksAddons(Path eksMain) {
        Hcl eks = new Hcl(Yaml.read(eksMain));
        Set<String> addons = new TreeSet<>();
        for (Hcl.Block resource : eks.blocks("resource")) {
            if (resource.label(0).equals("aws_eks_addon")) {
                Map<String, String> values = eks.attributeValues(resource);
                String each = values.getOrDefault("for_each", values.getOrDefault("addon_name", "[]"));
                addons.addAll(IamPolicy.evaluate(each.replaceFirst("^toset\\((.*)\\)$", "$1"), reference -> List.of()));
            }
        }
        return addons;
    }

    /** What would never scale in {@code overlay}'s rendered {@code manifests} on a cluster with {@code addons}. */
    public static List<String> problems(String overlay, List<Manifest> manifests, Set<String> addons) {
        List<String> onResources = new ArrayList<>();
        for (Manifest hpa : Manifest.ofKind(manifests, "HorizontalPodAutoscaler")) {
            if (hpa.list("spec", "metrics").stream().anyMatch(metric -> "Resource".equals(metric.get("type")))) {
                onResources.add(hpa.name());
            }
        }
        if (onResources.isEmpty() || addons.contains(METRICS_SERVER)) {
            return List.of();
        }
        return List.of(overlay + ": HorizontalPodAutoscaler " + String.join(", ", onResources) + " scale on Resource"
                + " metrics, but the cluster's add-ons " + addons + " have no " + METRICS_SERVER + ": they never scale");
    }
}
