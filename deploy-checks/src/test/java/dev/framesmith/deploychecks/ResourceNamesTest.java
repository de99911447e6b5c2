package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.Queues;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.DefaultValue;

class ResourceNamesTest {

    /** The names the services use when nothing is configured: shared-contracts and service-support defaults. */
    static final ResourceNames.Expected EXPECTED = new ResourceNames.Expected(
            Map.of("processing", Queues.PROCESSING, "events", Queues.EVENTS, "notifications", Queues.NOTIFICATIONS,
                    "feedback", Queues.FEEDBACK),
            Map.of("videos", defaultOf(FramesmithAwsProperties.TableNames.class, "videos"),
                    "notifications", defaultOf(FramesmithAwsProperties.TableNames.class, "notifications")),
            defaultOf(FramesmithAwsProperties.class, "bucket"),
            Integer.parseInt(defaultOf(FramesmithAwsProperties.Provision.class, "maxReceiveCount")),
            300);

    @Test
    void theDefaultsAreTheConventionalNames() {
        assertThat(EXPECTED.queues().values()).containsExactlyInAnyOrderElementsOf(Queues.ALL);
        assertThat(EXPECTED.deadLetterNames()).containsExactlyInAnyOrder(
                Queues.deadLetter(Queues.PROCESSING), Queues.deadLetter(Queues.EVENTS), Queues.deadLetter(Queues.NOTIFICATIONS),
                Queues.deadLetter(Queues.FEEDBACK));
        assertThat(EXPECTED.bucket()).isEqualTo("framesmith-videos");
        assertThat(EXPECTED.tables()).containsEntry("videos", "framesmith-videos").containsEntry("notifications", "framesmith-notifications");
        assertThat(EXPECTED.maxReceiveCount()).isEqualTo(5);
    }

    @Test
    void terraformCreatesTheNamesTheServicesUse() {
        assertThat(ResourceNames.terraformProblems(Repository.ROOT, EXPECTED)).isEmpty();
    }

    @Test
    void theLocalStackInitScriptCreatesTheNamesTheServicesUse() {
        assertThat(ResourceNames.initScriptProblems(Repository.ROOT, EXPECTED)).isEmpty();
    }

    @Test
    void theKustomizeOverlaysConfigureTheNamesTheServicesUse() {
        Repository.requireKubectl();
        for (String overlay : List.of("infra/k8s/overlays/dev", "infra/k8s/overlays/prod", "infra/k8s/overlays/aws-dev")) {
            Kustomize.Render render = Repository.render(overlay);
            List<String> problems = ResourceNames.kustomizeProblems(overlay, render.manifests(), EXPECTED);
            if (!overlay.endsWith("/dev")) {
                // In AWS the bucket name comes from Terraform (bucket names are global); it is checked by OverlayWiringTest.
                problems = problems.stream().filter(p -> !p.contains("FRAMESMITH_AWS_BUCKET=")).toList();
            }
            assertThat(problems).as(overlay).isEmpty();
        }
    }

    @Test
    void composeConfiguresTheNamesTheServicesUse() {
        assertThat(ResourceNames.composeProblems(Yaml.loadMap(Repository.path("docker-compose.yml")), EXPECTED)).isEmpty();
    }

    @Test
    void theServicesSpringConfigurationKeepsTheNames() {
        assertThat(ResourceNames.springProblems(Repository.ROOT, EXPECTED)).isEmpty();
    }

    @Test
    void terraformAndLocalStackCreateTheSameTableKeysAndEveryIndexTheServicesQuery() {
        assertThat(ResourceNames.terraformTables(Repository.ROOT)).containsOnlyKeys("framesmith-videos", "framesmith-notifications");
        assertThat(ResourceNames.terraformTables(Repository.ROOT).get("framesmith-videos").indexes()).contains("byUser(userId,createdAt)");
        assertThat(ResourceNames.terraformTables(Repository.ROOT).get("framesmith-notifications").hashKey()).isEqualTo("eventId");
        assertThat(ResourceNames.indexProblems(Repository.ROOT)).isEmpty();
    }

    @Test
    void aNameOrIndexChangedInOnePlaceIsReported(@TempDir Path copy) {
        Repository.copy(copy, "infra", "docker-compose.yml");
        Repository.replace(ResourceNames.initScript(copy), "create_queue framesmith-video-events 60", "create_queue framesmith-video-event 60");
        Repository.replace(ResourceNames.initScript(copy), "create_queue framesmith-video-processing 300", "create_queue framesmith-video-processing 30");
        Repository.replace(copy.resolve("infra/terraform/modules/framesmith/main.tf"),
                "        { name = \"byStatus\", hash_key = \"status\", range_key = \"updatedAt\" },\n", "");
        Repository.replace(copy.resolve("infra/terraform/modules/framesmith/main.tf"),
                "name = \"framesmith-notifications\", visibility", "name = \"framesmith-notification\", visibility");
        Repository.replace(copy.resolve("docker-compose.yml"),
                "FRAMESMITH_AWS_TABLES_VIDEOS: framesmith-videos", "FRAMESMITH_AWS_TABLES_VIDEOS: framesmith-video");
        Repository.write(copy.resolve("ms-video/src/main/java/Store.java"), "class Store { static final String BY_OWNER = \"byOwner\"; }\n");

        String problems = String.join("\n", List.of(
                String.join("\n", ResourceNames.initScriptProblems(copy, EXPECTED)),
                String.join("\n", ResourceNames.terraformProblems(copy, EXPECTED)),
                String.join("\n", ResourceNames.composeProblems(Yaml.loadMap(copy.resolve("docker-compose.yml")), EXPECTED)),
                String.join("\n", ResourceNames.indexProblems(copy))));

        assertThat(problems)
                .contains("init-aws.sh: creates queues [framesmith-mail-feedback, framesmith-notifications, framesmith-video-event, framesmith-video-processing]")
                .contains("init-aws.sh: processing queue visibility timeout 30 s, the worker expects 300 s")
                .contains("queues {events=framesmith-video-events, feedback=framesmith-mail-feedback, notifications=framesmith-notification,"
                        + " processing=framesmith-video-processing} differ")
                .contains("service ms-video: FRAMESMITH_AWS_TABLES_VIDEOS=framesmith-video, the services use framesmith-videos")
                .contains("table keys and indexes differ")
                .contains("Store.java: index byOwner is not created by Terraform");
    }

    @Test
    void aConfigMapWithAnotherQueueNameIsReported(@TempDir Path copy) {
        Repository.requireKubectl();
        Repository.copy(copy, "infra/k8s");
        Repository.replace(copy.resolve("infra/k8s/base/video-worker/configmap.yaml"),
                "FRAMESMITH_AWS_QUEUES_PROCESSING: framesmith-video-processing", "FRAMESMITH_AWS_QUEUES_PROCESSING: framesmith-processing");
        Repository.replace(copy.resolve("infra/k8s/base/video-worker/scaledobject.yaml"),
                "queueURL: framesmith-video-processing", "queueURL: framesmith-video-events");

        List<String> problems = ResourceNames.kustomizeProblems("prod",
                Kustomize.render(copy.resolve("infra/k8s/overlays/prod/video-worker")).manifests(), EXPECTED);

        assertThat(String.join("\n", problems))
                .contains("ConfigMap video-worker: FRAMESMITH_AWS_QUEUES_PROCESSING=framesmith-processing, the services use framesmith-video-processing");
        List<String> dev = ResourceNames.kustomizeProblems("dev", Kustomize.render(copy.resolve("infra/k8s/overlays/dev")).manifests(), EXPECTED);
        assertThat(String.join("\n", dev)).doesNotContain("ScaledObject");
        List<String> base = ResourceNames.kustomizeProblems("base",
                Kustomize.render(copy.resolve("infra/k8s/base/video-worker")).manifests(), EXPECTED);
        assertThat(String.join("\n", base)).contains("ScaledObject video-worker: scales on queue framesmith-video-events");
    }

    private static String defaultOf(Class<? extends Record> type, String component) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(component)) {
                DefaultValue value = c.getAnnotation(DefaultValue.class);
                if (value == null) {
                    value = c.getAccessor().getAnnotation(DefaultValue.class);
                }
                if (value == null) {
                    value = findOnConstructorParameter(type, component);
                }
                return value.value()[0];
            }
        }
        throw new IllegalArgumentException(type + " has no component " + component);
    }

    private static DefaultValue findOnConstructorParameter(Class<? extends Record> type, String component) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(component)) {
                    return constructor.getParameters()[i].getAnnotation(DefaultValue.class);
                }
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }
}
