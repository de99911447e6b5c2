package dev.framesmith.deploychecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every service image promises the platform: built in stages, runs as a non-root user on a JRE, declares
 * its port and a health check against the readiness group on that port.
 */
public final class Dockerfiles {

    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE((?:[ \\t]+\\d+)+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final Pattern HEALTHCHECK = Pattern.compile("(?ms)^HEALTHCHECK\\b.*?/actuator/health/readiness");
    private static final Pattern HEALTH_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/actuator/health/readiness");

    private Dockerfiles() {
    }

    /** The first port the image declares, if any. */
    public static Optional<Integer> exposedPort(Path dockerfile) {
        return exposedPorts(dockerfile).stream().findFirst();
    }

    public static List<Integer> exposedPorts(Path dockerfile) {
        Matcher matcher = EXPOSE.matcher(Yaml.read(dockerfile));
        List<Integer> ports = new ArrayList<>();
        if (matcher.find()) {
            for (String port : matcher.group(1).trim().split("\\s+")) {
                ports.add(Integer.parseInt(port));
            }
        }
        return ports;
    }

    /** management.server.port of the service beside the Dockerfile (its application.yml). */
    static Optional<Integer> managementPort(Path dockerfile) {
        Path yml = dockerfile.getParent().resolve("src/main/resources/application.yml");
        return java.nio.file.Files.isRegularFile(yml)
                ? Yaml.string(Yaml.loadMap(yml), "management", "server", "port").map(Integer::parseInt)
                : Optional.empty();
    }

    public static List<String> problems(Path dockerfile) {
        String text = Yaml.read(dockerfile).replace("\\\n", " ");
        List<String> problems = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        Matcher from = FROM.matcher(text);
        while (from.find()) {
            bases.add(from.group(1));
        }
        if (bases.size() < 2) {
            problems.add(dockerfile + ": not a multi-stage build");
        } else if (!bases.get(bases.size() - 1).toLowerCase(Locale.ROOT).contains("jre")) {
            problems.add(dockerfile + ": the runtime stage is not based on a JRE image: " + bases.get(bases.size() - 1));
        }
        Matcher user = USER.matcher(text);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        if (lastUser == null || lastUser.equals("root") || lastUser.startsWith("0")) {
            problems.add(dockerfile + ": does not switch to a non-root user");
        }
        List<Integer> ports = exposedPorts(dockerfile);
        Optional<Integer> management = managementPort(dockerfile);
        if (ports.isEmpty()) {
            problems.add(dockerfile + ": declares no EXPOSEd port");
        }
        if (management.isEmpty()) {
            problems.add(dockerfile + ": the service sets no management.server.port");
        } else if (!ports.contains(management.get())) {
            problems.add(dockerfile + ": does not EXPOSE the management port " + management.get());
        }
        if (!HEALTHCHECK.matcher(text).find()) {
            problems.add(dockerfile + ": has no HEALTHCHECK on /actuator/health/readiness");
        } else {
            Matcher healthPort = HEALTH_PORT.matcher(text);
            if (management.isPresent() && (!healthPort.find() || Integer.parseInt(healthPort.group(1)) != management.get())) {
                problems.add(dockerfile + ": HEALTHCHECK does not probe the management port " + management.get());
            }
        }
        return problems;
    }
}
