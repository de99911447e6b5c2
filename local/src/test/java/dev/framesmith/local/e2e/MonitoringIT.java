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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboards and alert rules read only what the running services publish: after one upload has gone all the
 * way to its e-mail, every series and label a panel or an alert expression selects, groups or joins by is in the
 * services' {@code /actuator/prometheus} (scraped as Prometheus does, job = service name). The CloudWatch series
 * ({@code aws_*}) are checked against the exporter's configuration in deploy-checks instead.
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
