package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.SlowUpload;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class StreamedUploadTest extends IntegrationTest {

    private static final int MB = 1024 * 1024;
    /** What a trickling request may take beyond one rate window of waiting before its answer. */
    private static final Duration CUT_OFF_MARGIN = Duration.ofSeconds(5);

    @Autowired
    private VideoProperties properties;

    @Test
    void oneVideoIsStoredRecordedAndQueued() {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(300_000);

        Response response = upload(user.token(), new Multipart()
                .field("fps", "2.5").field("format", "png").field("maxWidth", "640")
                .video("holiday.mp4", content));

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        JsonNode accepted = response.json().path("videos");
        assertThat(accepted).hasSize(1);
        String id = accepted.get(0).path("id").asString();
        assertThat(accepted.get(0).path("filename").asString()).isEqualTo("holiday.mp4");
        assertThat(accepted.get(0).path("status").asString()).isEqualTo("QUEUED");
        assertThat(response.header("Location")).isEqualTo("/videos/" + id);

        String key = StorageKeys.source(user.id(), id);
        assertThat(objectsOf(user.id())).containsExactly(key);
        byte[] stored = s3.getObjectAsBytes(request -> request.bucket(aws.bucket()).key(key)).asByteArray();
        assertThat(stored).isEqualTo(content);
        assertThat(metadataOf(key)).containsEntry("original-filename", "holiday.mp4");

        Video video = video(id);
        assertThat(video.getUserId()).isEqualTo(user.id());
        assertThat(video.getOwnerEmail()).isEqualTo(user.email());
        assertThat(video.getOwnerName()).isEqualTo(user.name());
        assertThat(video.getSizeBytes()).isEqualTo(content.length);
        assertThat(video.getContentType()).isEqualTo("video/mp4");
        assertThat(video.getStatus()).isEqualTo(VideoStatus.QUEUED);

        List<ProcessVideo> jobs = jobsOf(user.id());
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.videoId()).isEqualTo(id);
            assertThat(job.bucket()).isEqualTo(aws.bucket());
            assertThat(job.sourceKey()).isEqualTo(key);
            assertThat(job.framesKey()).isEqualTo(StorageKeys.frames(user.id(), id));
            assertThat(job.options().fps()).isEqualTo(2.5);
            assertThat(job.options().format()).isEqualTo(ImageFormat.PNG);
            assertThat(job.options().maxWidth()).isEqualTo(640);
        });

        JsonNode shown = api.get("/videos/" + id, user.token()).json();
        assertThat(shown.path("status").asString()).isEqualTo("QUEUED");
        assertThat(shown.path("sizeBytes").asLong()).isEqualTo(content.length);
        assertThat(shown.path("progress").asInt()).isZero();
        assertThat(shown.path("options").path("fps").asDouble()).isEqualTo(2.5);
        assertThat(shown.path("options").path("format").asString()).isEqualTo("png");
        assertThat(shown.path("options").path("maxWidth").asInt()).isEqualTo(640);
    }

    @Test
    void threeVideosInOneRequestIncludingOneLargerThanAPart() {
        TestUser user = TestUser.random();
        byte[] large = TestVideos.mp4(11 * MB + 123);

        Response response = upload(user.token(), new Multipart()
                .video("one.mp4", TestVideos.mp4(1000))
                .video("two.mkv", matroska())
                .field("fps", "1")
                .video("three.mp4", large));

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        JsonNode accepted = response.json().path("videos");
        assertThat(accepted).extracting(node -> node.path("filename").asString())
                .containsExactly("one.mp4", "two.mkv", "three.mp4");
        assertThat(accepted).extracting(node -> node.path("status").asString())
                .as("one job at a time waits for a worker").containsExactly("QUEUED", "WAITING", "WAITING");
        assertThat(objectsOf(user.id())).hasSize(3);
        String largeId = accepted.get(2).path("id").asString();
        long storedSize = s3.headObject(request -> request.bucket(aws.bucket())
                .key(StorageKeys.source(user.id(), largeId))).contentLength();
        assertThat(storedSize).isEqualTo(large.length);
        assertThat(s3.getObjectAsBytes(request -> request.bucket(aws.bucket())
                .key(StorageKeys.source(user.id(), largeId))).asByteArray()).isEqualTo(large);
        assertThat(video(largeId).getSizeBytes()).isEqualTo(large.length);
        assertThat(video(accepted.get(1).path("id").asString()).getContentType()).isEqualTo("video/x-matroska");
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId)
                .containsExactly(accepted.get(0).path("id").asString());
        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
    }

    @Test
    void aRequestWithoutFilesIsInvalid() {
        TestUser user = TestUser.random();
        Response response = upload(user.token(), new Multipart().field("fps", "1"));
        assertRefused(user, response, 400, "validation");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("files");
    }

    @Test
    void anEmptyFileIsRefused() {
        TestUser user = TestUser.random();
        Response response = upload(user.token(), new Multipart().video("empty.mp4", new byte[0]));
        assertRefused(user, response, 415, "empty-file");
    }

    @Test
    void aFileThatIsNotAVideoIsRefusedWhateverItsNameAndType() {
        TestUser user = TestUser.random();
        Response response = upload(user.token(), new Multipart()
                .file("files", "notes.mp4", "video/mp4", TestVideos.text(5000)));
        assertRefused(user, response, 415, "not-a-video");
        assertThat(response.json().path("filename").asString()).isEqualTo("notes.mp4");
    }

    @Test
    void oneBadFileRefusesTheWholeRequestAndRemovesWhatWasStored() {
        TestUser user = TestUser.random();
        Response response = upload(user.token(), new Multipart()
                .video("good.mp4", TestVideos.mp4(2000))
                .video("large-good.mp4", TestVideos.mp4(6 * MB))
                .file("files", "bad.avi", "video/x-msvideo", TestVideos.text(100)));
        assertRefused(user, response, 415, "not-a-video");
    }

    @Test
    void aFileOverTheLimitIsRefusedAndItsPartsAborted() {
        TestUser user = TestUser.random();
        Response response = upload(user.token(), new Multipart()
                .video("huge.mp4", TestVideos.mp4(12 * MB + 1)));
        assertRefused(user, response, 413, "file-too-large");
        assertThat(response.json().path("maxBytes").asLong()).isEqualTo(12L * MB);
        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
    }

    @Test
    void aFileExactlyAtTheLimitIsAccepted() {
        TestUser user = TestUser.random();
        Response response = upload(user.token(), new Multipart().video("edge.mp4", TestVideos.mp4(12 * MB)));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    @Test
    void tooManyFilesAreRefused() {
        TestUser user = TestUser.random();
        Multipart body = new Multipart();
        for (int i = 0; i < 6; i++) {
            body.video("v" + i + ".mp4", TestVideos.mp4(500));
        }
        assertRefused(user, upload(user.token(), body), 400, "validation");
    }

    @Test
    void optionsOutOfRangeAreRefusedWhereverTheyAppear() {
        String[][] invalid = {{"fps", "0"}, {"fps", "30.5"}, {"fps", "fast"}, {"format", "gif"},
                {"maxWidth", "15"}, {"maxWidth", "7681"}, {"maxWidth", "wide"}};
        for (String[] option : invalid) {
            TestUser user = TestUser.random();
            Response before = upload(user.token(), new Multipart().field(option[0], option[1])
                    .video("a.mp4", TestVideos.mp4(800)));
            assertRefused(user, before, 400, "validation");
            assertThat(before.json().path("errors").get(0).path("field").asString()).isEqualTo(option[0]);

            Response after = upload(user.token(), new Multipart().video("a.mp4", TestVideos.mp4(800))
                    .field(option[0], option[1]));
            assertRefused(user, after, 400, "validation");
        }
    }

    @Test
    void aTruncatedMultipartBodyIsMalformed() {
        TestUser user = TestUser.random();
        Multipart body = new Multipart().video("a.mp4", TestVideos.mp4(100_000));
        byte[] bytes = body.bytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 60_000);
        Response response = api.send(api.request("/videos", user.token(), "Content-Type", body.contentType())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(truncated)));
        assertRefused(user, response, 400, "malformed-request");
    }

    @Test
    void aPartWhoseContentDispositionCannotBeReadIsMalformed() {
        TestUser user = TestUser.random();
        Multipart body = new Multipart().video("a.mp4", TestVideos.mp4(800));
        String latin1 = new String(body.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(latin1).contains("; name=\"files\"");
        byte[] unreadable = latin1.replaceFirst("; name=\"files\"", "; name").getBytes(StandardCharsets.ISO_8859_1);
        Response response = api.send(api.request("/videos", user.token(), "Content-Type", body.contentType())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(unreadable)));
        assertRefused(user, response, 400, "malformed-request");
    }

    @Test
    void hostileFileNamesAreStoredAsDataAndShownBackEscaped() {
        TestUser user = TestUser.random();
        String traversal = "../../../etc/passwd.mp4";
        String controls = "evil\u0001\u001B[2J\u007Fname\u202E4pm.mov";
        String kilobyte = "k".repeat(1024) + ".mp4";

        Response response = upload(user.token(), new Multipart()
                .video(traversal, TestVideos.mp4(900))
                .video(controls, TestVideos.mp4(901))
                .video(kilobyte, TestVideos.mp4(902)));

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        JsonNode accepted = response.json().path("videos");
        assertThat(accepted.get(0).path("filename").asString()).isEqualTo(traversal);
        assertThat(accepted.get(1).path("filename").asString()).isEqualTo("evil[2Jname4pm.mov");
        assertThat(accepted.get(2).path("filename").asString()).hasSize(255).startsWith("kkk");
        assertThat(response.body()).doesNotContain("\u0001", "\u001B", "\u202E");

        for (JsonNode video : accepted) {
            String key = StorageKeys.source(user.id(), video.path("id").asString());
            assertThat(objectsOf(user.id())).contains(key);
        }
        String traversalKey = StorageKeys.source(user.id(), accepted.get(0).path("id").asString());
        assertThat(URLDecoder.decode(metadataOf(traversalKey).get("original-filename"), StandardCharsets.UTF_8))
                .isEqualTo(traversal);
        String longKey = StorageKeys.source(user.id(), accepted.get(2).path("id").asString());
        assertThat(URLDecoder.decode(metadataOf(longKey).get("original-filename"), StandardCharsets.UTF_8))
                .isEqualTo(kilobyte.substring(0, 1024));
        assertThat(objectsOf(user.id())).allMatch(key -> key.startsWith("raw/" + user.id() + "/"));
    }

    @Test
    void aTrickleUploadIsCutOffWith408AndNothingIsKept() throws Exception {
        TestUser user = TestUser.random();
        Multipart form = new Multipart().video("trickle.mp4", TestVideos.mp4(300_000));
        try (SlowUpload trickle = SlowUpload.start(port(), user.token(), form, 70_000, 1, Duration.ofMillis(100))) {
            String answer = trickle.answer().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                    .contains("/upload-too-slow\"").contains("\"filename\":\"trickle.mp4\"");
        }
        assertThat(objectsOf(user.id())).as("objects left").isEmpty();
        assertThat(openMultipartUploadsOf(user.id())).as("multipart uploads left").isEmpty();
        assertThat(itemsOf(user.id())).as("items left").isEmpty();
    }

    @Test
    void anOptionFieldThatTricklesInIsCutOffWith408AndNothingIsKept() throws Exception {
        TestUser user = TestUser.random();
        Multipart form = new Multipart().field("fps", "2.5").video("after.mp4", TestVideos.mp4(300_000));
        // the fps part's headers at once, then its value and all that follows one byte at a time
        int fastBytes = indexOf(form, "2.5\r\n");
        try (SlowUpload trickle = SlowUpload.start(port(), user.token(), form, fastBytes, 1, Duration.ofMillis(100))) {
            assertThat(trickle.answer()).as("the answer within the rate window and a margin")
                    .succeedsWithin(properties.uploadRateWindow().plus(CUT_OFF_MARGIN))
                    .satisfies(answer -> assertThat(answer).startsWith("HTTP/1.1 408")
                            .contains("application/problem+json").contains("/upload-too-slow\"")
                            .doesNotContain("\"filename\""));
        }
        assertNothingKept(user);
    }

    @Test
    void aPartHeaderThatTricklesInIsCutOffWith408AndTheFilesBeforeItAreRemoved() throws Exception {
        TestUser user = TestUser.random();
        Multipart form = new Multipart().video("first.mp4", TestVideos.mp4(300_000))
                .video("second-" + "x".repeat(400) + ".mp4", TestVideos.mp4(300_000));
        // the first file at once, then the second part's headers (its long file name) one byte at a time
        int fastBytes = indexOf(form, "filename=\"second-");
        try (SlowUpload trickle = SlowUpload.start(port(), user.token(), form, fastBytes, 1, Duration.ofMillis(100))) {
            // the first window still counts the first file's bytes: the rate is missed in the second one
            assertThat(trickle.answer()).as("the answer within two rate windows and a margin")
                    .succeedsWithin(properties.uploadRateWindow().multipliedBy(2).plus(CUT_OFF_MARGIN))
                    .satisfies(answer -> assertThat(answer).startsWith("HTTP/1.1 408")
                            .contains("application/problem+json").contains("/upload-too-slow\""));
        }
        assertNothingKept(user);
    }

    private void assertNothingKept(TestUser user) {
        assertThat(objectsOf(user.id())).as("objects left").isEmpty();
        assertThat(openMultipartUploadsOf(user.id())).as("multipart uploads left").isEmpty();
        assertThat(itemsOf(user.id())).as("items left").isEmpty();
        assertThat(api.get("/videos", user.token()).json().path("videos")).as("videos listed").isEmpty();
    }

    /** Where {@code text} starts in the form's body. */
    private static int indexOf(Multipart form, String text) {
        int at = new String(form.bytes(), StandardCharsets.ISO_8859_1).indexOf(text);
        assertThat(at).as(text).isPositive();
        return at;
    }

    private void assertRefused(TestUser user, Response response, int status, String problem) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problem()).isEqualTo(problem);
        assertThat(objectsOf(user.id())).as("objects left").isEmpty();
        assertThat(openMultipartUploadsOf(user.id())).as("multipart uploads left").isEmpty();
        assertThat(itemsOf(user.id())).as("items left").isEmpty();
        assertThat(api.get("/videos", user.token()).json().path("videos")).isEmpty();
        assertThat(jobsOf(user.id())).isEmpty();
    }

    private static byte[] matroska() {
        byte[] bytes = new byte[4096];
        byte[] header = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x9F, 0x42, (byte) 0x86, (byte) 0x81, 0x01,
                0x42, (byte) 0x82, (byte) 0x88, 'm', 'a', 't', 'r', 'o', 's', 'k', 'a'};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }
}
