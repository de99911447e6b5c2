package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.error.YAMLException;

class ComposeTest {

    @Test
    void theComposeFileParsesAndRunsTheWholeSystem() {
        Map<String, Object> compose = Yaml.loadMap(Repository.path("docker-compose.yml"));

        assertThat(Yaml.map(compose, "services")).containsKeys(
                "postgres", "localstack", "ms-auth", "ms-video", "video-worker", "ms-notify", "gateway", "prometheus", "grafana");
        assertThat(Yaml.at(compose, "services", "gateway", "ports").map(Object::toString).orElse("")).contains("8080:8080");
    }

    @Test
    void everyHostPathTheComposeFileMountsExists() {
        List<String> missing = missingMounts(Yaml.loadMap(Repository.path("docker-compose.yml")), Repository.ROOT);

        assertThat(missing).isEmpty();
    }

    @Test
    void servicesDependOnlyOnServicesThatExist() {
        Map<String, Object> services = Yaml.map(Yaml.loadMap(Repository.path("docker-compose.yml")), "services");
        services.forEach((name, definition) -> {
            Object dependsOn = Yaml.at(definition, "depends_on").orElse(Map.of());
            Iterable<?> dependencies = dependsOn instanceof Map<?, ?> map ? map.keySet() : (List<?>) dependsOn;
            dependencies.forEach(d -> assertThat(services).as("%s depends on %s", name, d).containsKey(String.valueOf(d)));
        });
    }

    @Test
    void aFileThatIsNotValidYamlIsRejected(@TempDir Path dir) {
        Path copy = Repository.copy(dir, "docker-compose.yml").resolve("docker-compose.yml");
        Repository.replace(copy, "  postgres:\n    image: postgres:17-alpine", "  postgres:\n\timage: postgres:17-alpine");

        assertThatThrownBy(() -> Yaml.loadMap(copy)).isInstanceOf(YAMLException.class);
    }

    @Test
    void aDuplicateKeyIsRejected(@TempDir Path dir) {
        Path copy = Repository.copy(dir, "docker-compose.yml").resolve("docker-compose.yml");
        Repository.replace(copy, "    image: framesmith/ms-auth:local\n", "    image: framesmith/ms-auth:local\n    image: framesmith/ms-video:local\n");

        assertThatThrownBy(() -> Yaml.loadMap(copy)).isInstanceOf(YAMLException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void aMountOfAMissingFileIsReported(@TempDir Path dir) {
        Path copy = Repository.copy(dir, "docker-compose.yml").resolve("docker-compose.yml");
        Repository.replace(copy, "./deploy/prometheus/alerts.yml:", "./deploy/prometheus/alert.yml:");

        assertThat(missingMounts(Yaml.loadMap(copy), Repository.ROOT)).containsExactly("prometheus: ./deploy/prometheus/alert.yml");
    }

    /** Bind mounts (./path:container) whose host path is missing, as "service: path". */
    static List<String> missingMounts(Map<String, Object> compose, Path root) {
        List<String> missing = new ArrayList<>();
        Yaml.map(compose, "services").forEach((name, definition) -> {
            Object volumes = Yaml.at(definition, "volumes").orElse(List.of());
            for (Object volume : (List<?>) volumes) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./") && !Files.exists(root.resolve(source).normalize())) {
                    missing.add(name + ": " + source);
                }
            }
        });
        return missing;
    }
}
