package dev.framesmith.local.e2e;

import static dev.framesmith.local.e2e.Journeys.awaitDone;
import static dev.framesmith.local.e2e.Journeys.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.local.LocalSystem;
import dev.framesmith.testsupport.Api;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * One upload is one trace in the local run's trace UI (the Zipkin server the launcher starts): from ms-video's
 * request through the processing queue to the worker and its phases, back over the events queue to ms-video, and
 * over the notifications queue to ms-notify's SES call, with the S3 and DynamoDB calls made on the way, every span
 * with its parent in the same trace.
 */
@ExtendWith(RunningSystem.class)
class TracingIT {

    /** One span as Zipkin's API returns it (names are lower case there). */
    record Span(String service, String name, String kind, String id, String parentId) {
    }

    @Test
    void oneUploadIsOneTraceFromTheRequestThroughTheWorkersPhasesToTheEmail() {
        LocalSystem system = RunningSystem.system();
        URI zipkin = system.traces().orElseThrow(() -> new AssertionError("the launcher started no trace UI"));
        Api api = new Api(system.gateway());
        Journeys.User user = Journeys.newUser(api, "Trace Reader");
        Path clip = new TestVideos(Journeys.workDir().resolve("videos")).mp4("traced-clip", 2);

        Api.Response upload = Journeys.upload(api, user.token(), List.of(Journeys.Upload.of(clip, "video/mp4")),
                Map.of("fps", "1"));

        assertThat(upload.status()).as("%s", upload).isEqualTo(202);
        String traceparent = upload.header("traceparent");
        assertThat(traceparent).as("the upload's trace, told to the caller").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = traceparent.substring(3, 35);
        awaitDone(api, user.token(), items(upload.json()).get(0).path("id").asString());
        awaitEmail(user, "traced-clip");

        awaitTrace(new Api(zipkin), traceId, spans -> {
            assertThat(names(spans, "ms-video")).contains("send framesmith-video-processing",
                    "process framesmith-video-events", "send framesmith-notifications");
            assertThat(names(spans, "video-worker")).contains("process framesmith-video-processing",
                    "download", "probe", "extract", "zip", "preview", "upload", "send framesmith-video-events");
            assertThat(names(spans, "ms-notify")).contains("process framesmith-notifications",
                    "ses send video_ready");
            assertThat(names(spans, "ms-video")).as("the upload's object and record")
                    .anyMatch(name -> name.startsWith("s3/")).anyMatch(name -> name.startsWith("dynamodb/"));
            assertThat(names(spans, "video-worker")).as("the clip read, the archive written")
                    .contains("s3/getobject").anyMatch(name -> name.matches("s3/(putobject|uploadpart)"));
            assertThat(names(spans, "ms-notify")).as("the delivery log")
                    .contains("dynamodb/putitem", "dynamodb/updateitem");
            assertOneTree(spans, root -> {
                assertThat(root.service()).as("the root: ms-video's request").isEqualTo("ms-video");
                assertThat(root.kind()).isEqualTo("SERVER");
            });
        });
    }

    /**
     * A video that found no free slot is sent later, when another video of the user ends, from that video's event:
     * its job and e-mail are still spans of its own upload's trace, not of the video that happened to free the slot.
     */
    @Test
    void aVideoThatWaitedForASlotIsProcessedInTheTraceOfItsOwnUpload() {
        LocalSystem system = RunningSystem.system();
        Api traces = new Api(system.traces().orElseThrow(() -> new AssertionError("the launcher started no trace UI")));
        Api api = new Api(system.gateway());
        Journeys.User user = Journeys.newUser(api, "Late Trace Reader");
        TestVideos videos = new TestVideos(Journeys.workDir().resolve("videos"));
        Journeys.Upload busy = Journeys.Upload.of(videos.mp4("slot-holder", 4), "video/mp4");
        Journeys.Upload lateClip = Journeys.Upload.of(videos.mp4("late-traced-clip", 2), "video/mp4");
        // The worker is paused (SIGSTOP) while both uploads are made: however fast it processes, none of the first 8
        // has ended and freed its slot when the late one arrives.
        List<ProcessHandle> worker = List.of(ProcessHandle.of(system.pid("video-worker")).orElseThrow());
        Api.Response late;
        Signals.send("STOP", worker);
        try {
            Api.Response holders = Journeys.upload(api, user.token(), Collections.nCopies(8, busy),
                    Map.of("fps", "1"));
            assertThat(holders.status()).as("%s", holders).isEqualTo(202);
            late = Journeys.upload(api, user.token(), List.of(lateClip), Map.of("fps", "1"));
        } finally {
            Signals.send("CONT", worker);
        }

        assertThat(late.status()).as("%s", late).isEqualTo(202);
        assertThat(items(late.json()).get(0).path("status").asString()).as("behind its user's first 8")
                .isEqualTo("WAITING");
        String traceId = late.header("traceparent").substring(3, 35);
        awaitDone(api, user.token(), items(late.json()).get(0).path("id").asString());
        awaitEmail(user, "late-traced-clip");

        awaitTrace(traces, traceId, spans -> {
            assertThat(names(spans, "ms-video")).contains("dispatch", "send framesmith-video-processing",
                    "process framesmith-video-events", "send framesmith-notifications");
            assertThat(names(spans, "video-worker")).contains("process framesmith-video-processing", "extract",
                    "send framesmith-video-events");
            assertThat(names(spans, "ms-notify")).contains("ses send video_ready");
            assertOneTree(spans, root -> assertThat(root.kind()).isEqualTo("SERVER"));
        });
    }

    /**
     * A direct upload is one trace from the request that starts it: its job, sent when the client completes the
     * upload, goes out in a {@code dispatch} span of that trace (the {@code complete} request is a trace of its own).
     */
    @Test
    void aDirectUploadIsOneTraceFromTheRequestThatStartsItToTheEmail() {
        LocalSystem system = RunningSystem.system();
        Api traces = new Api(system.traces().orElseThrow(() -> new AssertionError("the launcher started no trace UI")));
        Api api = new Api(system.gateway());
        Journeys.User user = Journeys.newUser(api, "Direct Trace Reader");
        Path clip = new TestVideos(Journeys.workDir().resolve("videos")).mp4("direct-traced-clip", 2);

        Journeys.DirectUpload upload = Journeys.uploadDirectly(api, user.token(), clip, "video/mp4");

        String traceId = upload.started().header("traceparent").substring(3, 35);
        assertThat(upload.completed().header("traceparent")).as("the complete request's own trace")
                .doesNotContain(traceId);
        awaitDone(api, user.token(), upload.id());
        awaitEmail(user, "direct-traced-clip");

        awaitTrace(traces, traceId, spans -> {
            assertThat(names(spans, "ms-video")).contains("http post /videos/uploads", "dispatch",
                    "send framesmith-video-processing", "process framesmith-video-events",
                    "send framesmith-notifications");
            assertThat(names(spans, "video-worker")).contains("process framesmith-video-processing", "extract",
                    "send framesmith-video-events");
            assertThat(names(spans, "ms-notify")).contains("ses send video_ready");
            assertOneTree(spans, root -> assertThat(root.name()).isEqualTo("http post /videos/uploads"));
        });
    }

    private static void awaitEmail(Journeys.User user, String about) {
        Mailbox mailbox = Journeys.mailbox();
        await("the e-mail about " + about).atMost(Journeys.PROCESSING).until(() -> mailbox.to(user.email()).stream()
                .anyMatch(email -> email.content().contains(about)));
    }

    /** Waits until the trace's spans in Zipkin pass {@code check}. */
    private static void awaitTrace(Api traces, String traceId, Consumer<List<Span>> check) {
        await("the whole trace in Zipkin").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> check.accept(spans(traces.get("/api/v2/trace/" + traceId))));
    }

    /** One tree: a single root, which passes {@code root}, and every other span's parent in the trace. */
    private static void assertOneTree(List<Span> spans, Consumer<Span> root) {
        Set<String> ids = spans.stream().map(Span::id).collect(Collectors.toSet());
        assertThat(spans).filteredOn(s -> s.parentId() == null).singleElement().satisfies(root::accept);
        assertThat(spans).filteredOn(s -> s.parentId() != null)
                .allSatisfy(s -> assertThat(ids).as("the parent of %s", s).contains(s.parentId()));
    }

    private static List<Span> spans(Api.Response trace) {
        assertThat(trace.status()).as("%s", trace).isEqualTo(200);
        List<Span> spans = new ArrayList<>();
        for (JsonNode span : trace.json()) {
            spans.add(new Span(span.path("localEndpoint").path("serviceName").asString(""),
                    span.path("name").asString(""), span.path("kind").asString(""), span.path("id").asString(),
                    span.hasNonNull("parentId") ? span.path("parentId").asString() : null));
        }
        return spans;
    }

    private static List<String> names(List<Span> spans, String service) {
        return spans.stream().filter(span -> span.service().equals(service)).map(Span::name).toList();
    }
}
