package dev.framesmith.deploychecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an AWS overlay needs for the application load balancer in front of the pods. The AWS Load Balancer
 * Controller injects readiness gates only into namespaces labelled for it; without them a rolling update removes
 * old pods before the ALB sends traffic to the new ones. The ALB reaches the pods from the public subnets, so the
 * network policies that admit it name the public subnets' range: never the VPC, whose private subnets hold every
 * pod and node. The subnets are computed from {@code modules/vpc} as Terraform lays them out.
 */
public final class LoadBalancerRules {

    static final String READINESS_GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";
    private static final Pattern CIDRSUBNET = Pattern.compile(
            "cidrsubnet\\(var\\.cidr,\\s*(\\d+),\\s*(i|\\d+)(?:\\s*\\+\\s*(\\d+))?\\)");

    private LoadBalancerRules() {
    }

    /** Every namespace holding an Ingress whose ALB targets pod IPs carries the readiness-gate label. */
    public static List<String> readinessGateProblems(String overlay, List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest ingress : Manifest.ofKind(manifests, "Ingress")) {
            boolean alb = "alb".equals(ingress.string("spec", "ingressClassName").orElse(""));
            boolean podTargets = "ip".equals(ingress.string("metadata", "annotations",
                    "alb.ingress.kubernetes.io/target-type").orElse(""));
            if (!alb || !podTargets) {
                continue;
            }
            Optional<Manifest> namespace = Manifest.find(manifests, "Namespace", ingress.namespace());
            if (namespace.isEmpty()) {
                problems.add(overlay + ": Ingress " + ingress.name() + " is in namespace " + ingress.namespace()
                        + ", which this overlay does not define");
            } else if (!"enabled".equals(namespace.get().string("metadata", "labels", READINESS_GATE_LABEL).orElse(""))) {
                problems.add(overlay + ": Namespace " + ingress.namespace() + " lacks the label " + READINESS_GATE_LABEL
                        + "=enabled: the ALB's targets of Ingress " + ingress.name() + " get no readiness gates, and"
                        + " rolling updates drop requests");
            }
        }
        return problems;
    }

    /** The public and private subnets of a VPC, as modules/vpc lays them out, and its ALB source range. */
    public record Subnets(List<Cidr> publicSubnets, List<Cidr> privateSubnets, Cidr publicRange) {
    }

    /** Lays out the subnets of a VPC with this CIDR over that many availability zones, as modules/vpc does. */
    public static Subnets subnets(Path terraformRoot, String vpcCidr, int availabilityZones) {
        Hcl vpc = new Hcl(Yaml.read(terraformRoot.resolve("modules/vpc/main.tf")));
        Map<String, String> locals = new java.util.LinkedHashMap<>();
        vpc.blocks("locals").forEach(block -> locals.putAll(vpc.attributeValues(block)));
        Cidr cidr = Cidr.parse(vpcCidr);
        return new Subnets(layout(locals, "public_cidrs", cidr, availabilityZones),
                layout(locals, "private_cidrs", cidr, availabilityZones),
                layout(locals, "public_range", cidr, 1).get(0));
    }

    private static List<Cidr> layout(Map<String, String> locals, String name, Cidr vpc, int count) {
        String expression = locals.get(name);
        Matcher matcher = expression == null ? null : CIDRSUBNET.matcher(expression);
        if (matcher == null || !matcher.find()) {
            throw new IllegalArgumentException("modules/vpc: local." + name + " is not a cidrsubnet(var.cidr, n, ...)"
                    + " this check can lay out: " + expression);
        }
        int newBits = Integer.parseInt(matcher.group(1));
        boolean perZone = matcher.group(2).equals("i");
        int offset = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        List<Cidr> subnets = new ArrayList<>();
        for (int i = 0; i < (perZone ? count : 1); i++) {
            subnets.add(vpc.subnet(newBits, (perZone ? i : Integer.parseInt(matcher.group(2))) + offset));
        }
        return subnets;
    }

    /**
     * Every network policy that admits an IP range admits the load balancers' subnets (all public subnets) and no
     * private subnet, where the pods and nodes live.
     */
    public static List<String> albSourceProblems(String overlay, List<Manifest> manifests, Subnets subnets) {
        List<String> problems = new ArrayList<>();
        for (Manifest policy : Manifest.ofKind(manifests, "NetworkPolicy")) {
            for (Map<String, Object> rule : policy.list("spec", "ingress")) {
                for (Map<String, Object> peer : Yaml.list(rule, "from")) {
                    Optional<String> block = Yaml.string(peer, "ipBlock", "cidr");
                    if (block.isEmpty()) {
                        continue;
                    }
                    Cidr admitted = Cidr.parse(block.get());
                    String where = overlay + ": NetworkPolicy " + policy.name() + " admits " + admitted;
                    subnets.privateSubnets().stream().filter(admitted::overlaps).findFirst().ifPresent(subnet ->
                            problems.add(where + ", which overlaps the private subnet " + subnet + " (pods and nodes),"
                                    + " not only the load balancers' subnets " + subnets.publicRange()));
                    subnets.publicSubnets().stream().filter(subnet -> !admitted.contains(subnet)).findFirst()
                            .ifPresent(subnet -> problems.add(where + ", which misses the public subnet " + subnet
                                    + " the load balancer may use"));
                }
            }
        }
        return problems;
    }

    /** An IPv4 CIDR block with Terraform's {@code cidrsubnet}. */
    public record Cidr(long base, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/");
            String[] octets = parts[0].split("\\.");
            if (parts.length != 2 || octets.length != 4) {
                throw new IllegalArgumentException("not an IPv4 CIDR block: " + text);
            }
            long address = 0;
            for (String octet : octets) {
                address = address << 8 | Integer.parseInt(octet);
            }
            int prefix = Integer.parseInt(parts[1]);
            return new Cidr(address & mask(prefix), prefix);
        }

        Cidr subnet(int newBits, int number) {
            int length = prefix + newBits;
            if (length > 32 || number >= 1L << newBits) {
                throw new IllegalArgumentException("cidrsubnet(" + this + ", " + newBits + ", " + number + ") is out of range");
            }
            return new Cidr(base | (long) number << (32 - length), length);
        }

        boolean contains(Cidr other) {
            return other.prefix >= prefix && (other.base & mask(prefix)) == base;
        }

        boolean overlaps(Cidr other) {
            return contains(other) || other.contains(this);
        }

        private static long mask(int prefix) {
            return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        }

        @Override
        public String toString() {
            return (base >> 24 & 255) + "." + (base >> 16 & 255) + "." + (base >> 8 & 255) + "." + (base & 255) + "/" + prefix;
        }
    }
}
