package dev.framesmith.local.e2e;

import static dev.framesmith.local.e2e.Journeys.awaitDone;
import static dev.framesmith.local.e2e.Journeys.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.deploychecks.Exposition;
import dev.framesmith.deploychecks.Monitoring;
import dev.framesmith.local.LocalSystem;
import dev.framesmith.testsupport.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboards and alert rules read only what the running services publish: after one upload has gone all the
 * way to its e-mail, every series and label a panel or an alert expression selects, groups or joins by is in the
 * services' {@code /actuator/prometheus} (scraped as Prometheus does, job = service name). The CloudWatch series
 * ({@code aws_*}) are checked against the exporter's configuration in deploy-checks instead. And the local
 * Prometheus of {@code --monitoring} scrapes them all and evaluates every rule.
 */
@ExtendWith(RunningSystem.class)
class MonitoringIT {

    @Test
    void everySeriesAndLabelTheDashboardsAndAlertsReadIsPublishedOnceAVideoWasProcessed() {
        LocalSystem system = RunningSystem.system();
        Api api = new Api(system.gateway());
        Journeys.User user = Journeys.newUser(api, "Metrics Reader");
        Path clip = new TestVideos(Journeys.workDir().resolve("videos")).mp4("metrics-clip", 2);
        String id = items(Journeys.upload(api, user.token(), List.of(Journeys.Upload.of(clip, "video/mp4")),
                Map.of("fps", "1")).json()).get(0).path("id").asString();
        awaitDone(api, user.token(), id);
        Mailbox mailbox = Journeys.mailbox();
        await("the frames-ready e-mail").atMost(Journeys.PROCESSING)
                .until(() -> mailbox.to(user.email()).stream().anyMatch(email -> email.content().contains("metrics-clip")));
        // ms-notify's API is not behind the gateway: ask it once, so that its HTTP series exist even when it was
        // restarted after the last request it served (the fault suite kills it).
        new Api(system.serviceUri("ms-notify")).get("/notifications", user.token());
        Path root = Path.of(System.getProperty("framesmith.root", "..")).toAbsolutePath().normalize();

        await("every series the dashboards and alerts read").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Monitoring.liveSeriesProblems(root, scrapes(system))).isEmpty());
    }

    /**
     * {@code --monitoring} as a person uses it (the shared system runs with it): the system's Prometheus scrapes
     * every service and the queue series, and evaluates every rule group without an error.
     */
    @Test
    void theLocalPrometheusScrapesEveryServiceAndTheQueuesAndEvaluatesEveryRule() {
        LocalSystem system = RunningSystem.system();
        Api prometheus = new Api(system.prometheus().orElseThrow(() ->
                new AssertionError("no local Prometheus: is Debian's prometheus package installed?")));

        await("every target scraped").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    Api.Response targets = prometheus.get("/api/v1/targets");
                    assertThat(targets.status()).as("%s", targets).isEqualTo(200);
                    Map<String, String> health = new LinkedHashMap<>();
                    targets.json().path("data").path("activeTargets").forEach(target -> health.put(
                            target.path("labels").path("job").asString(),
                            target.path("health").asString() + " " + target.path("lastError").asString()));
                    assertThat(health).containsOnlyKeys(jobs()).allSatisfy((job, state) ->
                            assertThat(state).as(job).isEqualTo("up "));
                });
        await("the processing queue's depth").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(prometheus.get("/api/v1/query?query="
                        + "aws_sqs_approximate_number_of_messages_visible_maximum%7Bqueue_name%3D%22"
                        + "framesmith-video-processing%22%7D").json().path("data").path("result")).hasSize(1));
        await("every rule evaluated").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    List<String> rules = new ArrayList<>();
                    prometheus.get("/api/v1/rules").json().path("data").path("groups").forEach(group ->
                            group.path("rules").forEach(rule -> rules.add(rule.path("name").asString() + " "
                                    + rule.path("health").asString() + " " + rule.path("lastError").asString(""))));
                    assertThat(rules).isNotEmpty().allSatisfy(rule -> assertThat(rule).endsWith(" ok "));
                });
    }

    private static List<String> jobs() {
        List<String> jobs = new ArrayList<>(Monitoring.SERVICE_JOBS);
        jobs.add("cloudwatch-exporter");
        return jobs;
    }

    private static Map<String, Exposition> scrapes(LocalSystem system) {
        Map<String, Exposition> scrapes = new LinkedHashMap<>();
        for (String job : Monitoring.SERVICE_JOBS) {
            Api.Response scrape = new Api(system.managementUri(job)).get("/actuator/prometheus");
            assertThat(scrape.status()).as("%s /actuator/prometheus", job).isEqualTo(200);
            scrapes.put(job, Exposition.parse(scrape.body()));
        }
        return scrapes;
    }
}
