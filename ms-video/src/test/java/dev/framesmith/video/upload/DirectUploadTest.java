package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.PresignedPut;
import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.dispatch.StuckVideoSweeper;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.StoredVideos;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

class DirectUploadTest extends IntegrationTest {

    private static final int MB = 1024 * 1024;

    @Autowired
    private StuckVideoSweeper sweeper;
    @Autowired
    private VideoProperties properties;
    @Autowired
    private MeterRegistry meters;

    @Test
    void aSmallFileIsPutToItsPresignedUrlThenCompleted() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(200_000);

        Response started = start(user, "clip.mp4", content.length, ",\"fps\":0.5,\"format\":\"jpg\"");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode plan = started.json();
        String id = plan.path("id").asString();
        assertThat(plan.path("method").asString()).isEqualTo("PUT");
        assertThat(plan.path("url").asString()).contains(StorageKeys.source(user.id(), id));
        assertThat(plan.path("expiresAt").asString()).isNotBlank();
        assertThat(plan.path("completeUrl").asString()).isEqualTo("/videos/" + id + "/complete");
        assertThat(started.header("Location")).isEqualTo("/videos/" + id);
        assertThat(api.get("/videos/" + id, user.token()).json().path("status").asString()).isEqualTo("UPLOADING");

        int put = putAsPlanned(plan, content);
        assertThat(put).isEqualTo(200);
        double bytesBefore = directBytes();

        Response completed = api.postEmpty("/videos/" + id + "/complete", user.token());
        assertThat(completed.status()).as(completed.toString()).isEqualTo(202);
        assertThat(directBytes() - bytesBefore).as("framesmith.video.upload.bytes{method=direct}")
                .isEqualTo(content.length);
        assertThat(completed.json().path("status").asString()).isEqualTo("QUEUED");
        assertThat(completed.json().path("options").path("fps").asDouble()).isEqualTo(0.5);
        assertThat(jobsOf(user.id())).singleElement().satisfies(job -> assertThat(job.videoId()).isEqualTo(id));
        assertThat(URLDecoder.decode(metadataOf(StorageKeys.source(user.id(), id)).get("original-filename"),
                StandardCharsets.UTF_8)).isEqualTo("clip.mp4");

        Response again = api.postEmpty("/videos/" + id + "/complete", user.token());
        assertThat(again.status()).isEqualTo(202);
        assertThat(jobsOf(user.id())).hasSize(1);
    }

    @Test
    void aLargeFileIsUploadedInPresignedPartsThenCompleted() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(11 * MB + 7);

        Response started = start(user, "long.mov", content.length, "");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode plan = started.json();
        String id = plan.path("id").asString();
        assertThat(plan.path("method").asString()).isEqualTo("MULTIPART");
        assertThat(plan.path("uploadId").asString()).isNotBlank();
        long partSize = plan.path("partSize").asLong();
        assertThat(partSize).isEqualTo(5L * MB);
        JsonNode parts = plan.path("parts");
        assertThat(parts).hasSize(3);

        StringBuilder completion = new StringBuilder("{\"parts\":[");
        for (JsonNode part : parts) {
            int number = part.path("partNumber").asInt();
            int from = (int) ((number - 1) * partSize);
            byte[] slice = Arrays.copyOfRange(content, from, (int) Math.min(content.length, from + partSize));
            HttpResponse<String> response = PresignedPut.send(part.path("url").asString(), Map.of(), slice);
            assertThat(response.statusCode()).isEqualTo(200);
            String etag = response.headers().firstValue("ETag").orElseThrow();
            completion.append(number > 1 ? "," : "").append("{\"partNumber\":").append(number)
                    .append(",\"etag\":").append(jsonString(etag)).append('}');
        }
        completion.append("]}");

        Response completed = api.postJson("/videos/" + id + "/complete", user.token(), completion.toString());
        assertThat(completed.status()).as(completed.toString()).isEqualTo(202);
        assertThat(completed.json().path("status").asString()).isEqualTo("QUEUED");
        byte[] stored = s3.getObjectAsBytes(request -> request.bucket(aws.bucket())
                .key(StorageKeys.source(user.id(), id))).asByteArray();
        assertThat(stored).isEqualTo(content);
        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
        assertThat(jobsOf(user.id())).hasSize(1);
    }

    @Test
    void partsMayBeListedByTheServiceWhenTheClientSendsNone() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(7 * MB);
        JsonNode plan = start(user, "a.mp4", content.length, "").json();
        for (JsonNode part : plan.path("parts")) {
            int from = (part.path("partNumber").asInt() - 1) * 5 * MB;
            put(part.path("url").asString(), Map.of(),
                    Arrays.copyOfRange(content, from, Math.min(content.length, from + 5 * MB)));
        }
        Response completed = api.postEmpty("/videos/" + plan.path("id").asString() + "/complete", user.token());
        assertThat(completed.status()).as(completed.toString()).isEqualTo(202);
        assertThat(completed.json().path("sizeBytes").asLong()).isEqualTo(content.length);
    }

    @Test
    void thePresignedPutWritesOnlyTheDeclaredLength() throws Exception {
        TestUser user = TestUser.random();
        JsonNode plan = start(user, "liar.mp4", 5000, "").json();
        String id = plan.path("id").asString();

        assertThat(putAsPlanned(plan, TestVideos.mp4(4000)))
                .isEqualTo(403);
        assertThat(putAsPlanned(plan, TestVideos.mp4(6000)))
                .isEqualTo(403);

        assertThat(objectsOf(user.id())).isEmpty();
        Response completed = api.postEmpty("/videos/" + id + "/complete", user.token());
        assertThat(completed.status()).as(completed.toString()).isEqualTo(409);
        assertThat(completed.problem()).isEqualTo("upload-incomplete");
        assertThat(jobsOf(user.id())).isEmpty();
    }

    @Test
    void aPartUrlWritesOnlyItsPartsLength() throws Exception {
        TestUser user = TestUser.random();
        JsonNode plan = start(user, "p.mp4", 7L * MB, "").json();
        JsonNode last = plan.path("parts").get(1);

        assertThat(put(last.path("url").asString(), Map.of(), TestVideos.mp4(1000))).isEqualTo(403);
        assertThat(put(last.path("url").asString(), Map.of(), TestVideos.mp4(2 * MB))).isEqualTo(200);
    }

    @Test
    void aSizeOtherThanDeclaredIsRefusedRemovedAndNotDispatched() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(7 * MB);
        JsonNode plan = start(user, "half.mp4", content.length, "").json();
        String id = plan.path("id").asString();
        put(plan.path("parts").get(0).path("url").asString(), Map.of(), Arrays.copyOfRange(content, 0, 5 * MB));

        Response completed = api.postEmpty("/videos/" + id + "/complete", user.token());

        assertThat(completed.status()).as(completed.toString()).isEqualTo(409);
        assertThat(completed.problem()).isEqualTo("size-mismatch");
        assertThat(completed.json().path("declaredBytes").asLong()).isEqualTo(content.length);
        assertThat(completed.json().path("actualBytes").asLong()).isEqualTo(5 * MB);
        assertNothingLeft(user, id);
    }

    @Test
    void theUploadUrlCannotReplaceTheFileOnceUploaded() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(20_000);
        JsonNode plan = start(user, "clip.mp4", content.length, "").json();
        String id = plan.path("id").asString();
        String key = StorageKeys.source(user.id(), id);
        assertThat(putAsPlanned(plan, content)).isEqualTo(200);
        assertThat(api.postEmpty("/videos/" + id + "/complete", user.token()).status()).isEqualTo(202);

        byte[] swapped = TestVideos.text(content.length);
        assertThat(putAsPlanned(plan, swapped)).isEqualTo(412);

        assertTheCheckedFileStays(user, id, key, content);
    }

    @Test
    void theUploadUrlCannotWriteOnceItsVideoIsDeletedAndTheSealIsRemovedAsAnOrphanLater() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(20_000);
        JsonNode uploaded = start(user, "clip.mp4", content.length, "").json();
        String uploadedId = uploaded.path("id").asString();
        putAsPlanned(uploaded, content);
        assertThat(api.postEmpty("/videos/" + uploadedId + "/complete", user.token()).status()).isEqualTo(202);
        JsonNode pending = start(user, "never-sent.mp4", content.length, "").json();
        String pendingId = pending.path("id").asString();
        assertThat(api.delete("/videos/" + uploadedId, user.token()).status()).isEqualTo(204);
        assertThat(api.delete("/videos/" + pendingId, user.token()).status()).isEqualTo(204);

        for (JsonNode plan : List.of(uploaded, pending)) {
            assertThat(putAsPlanned(plan, content)).isEqualTo(412);
        }
        String uploadedKey = StorageKeys.source(user.id(), uploadedId);
        String pendingKey = StorageKeys.source(user.id(), pendingId);
        assertOnlySealed(user, uploadedKey, pendingKey);
        Video kept = StoredVideos.stored(store, user, VideoStatus.DONE);
        String keptKey = StorageKeys.source(user.id(), kept.getId());
        s3.putObject(request -> request.bucket(aws.bucket()).key(keptKey), RequestBody.fromBytes(content));

        clock.advance(properties.sweep().orphanGrace().plusMinutes(1));
        sweeper.removeOrphans();

        assertThat(objectsOf(user.id())).containsExactly(keptKey);
        assertThat(video(kept.getId()).getStatus()).isEqualTo(VideoStatus.DONE);
    }

    @Test
    void aPartUrlCannotReplaceTheFileOnceUploaded() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(7 * MB);
        JsonNode plan = start(user, "parts.mp4", content.length, "").json();
        String id = plan.path("id").asString();
        String key = StorageKeys.source(user.id(), id);
        for (JsonNode part : plan.path("parts")) {
            putPart(part, content, 5 * MB);
        }
        assertThat(api.postEmpty("/videos/" + id + "/complete", user.token()).status()).isEqualTo(202);

        byte[] swapped = TestVideos.text(content.length);
        for (JsonNode part : plan.path("parts")) {
            HttpResponse<String> put = partPut(part, swapped, 5 * MB);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(404);
            assertThat(put.body()).contains("NoSuchUpload");
        }

        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
        assertTheCheckedFileStays(user, id, key, content);
    }

    /** The video's source is still the file checked at its complete, with the ETag its record and its job carry. */
    private void assertTheCheckedFileStays(TestUser user, String id, String key, byte[] content) {
        assertThat(s3.getObjectAsBytes(request -> request.bucket(aws.bucket()).key(key)).asByteArray())
                .isEqualTo(content);
        String etag = s3.headObject(request -> request.bucket(aws.bucket()).key(key)).eTag();
        assertThat(video(id).getSourceEtag()).isEqualTo(etag);
        assertThat(jobsOf(user.id())).singleElement().satisfies(job -> assertThat(job.sourceEtag()).isEqualTo(etag));
    }

    @Test
    void aPartUrlCannotWriteOnceItsVideoIsDeletedAndNothingIsLeft() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(7 * MB);
        JsonNode plan = start(user, "halfway.mp4", content.length, "").json();
        String id = plan.path("id").asString();
        putPart(plan.path("parts").get(0), content, 5 * MB);
        assertThat(api.delete("/videos/" + id, user.token()).status()).isEqualTo(204);

        assertPartUrlsRefusedAndNothingLeft(user, plan, content);
        assertThat(api.get("/videos/" + id, user.token()).status()).isEqualTo(404);
    }

    @Test
    void aDeleteRepeatedAfterOneThatStoppedPartWayStillClosesTheUpload() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(7 * MB);
        JsonNode plan = start(user, "halfway.mp4", content.length, "").json();
        String id = plan.path("id").asString();
        putPart(plan.path("parts").get(0), content, 5 * MB);
        // The first delete wrote DELETED, then S3 failed before anything was cleaned up.
        store.apply(video(id), Transition.delete());

        assertThat(api.delete("/videos/" + id, user.token()).status()).isEqualTo(204);

        assertPartUrlsRefusedAndNothingLeft(user, plan, content);
    }

    @Test
    void contentThatIsNotAVideoIsRefusedAndRemoved() throws Exception {
        TestUser user = TestUser.random();
        byte[] text = TestVideos.text(3000);
        JsonNode plan = start(user, "movie.mp4", text.length, "").json();
        String id = plan.path("id").asString();
        putAsPlanned(plan, text);

        Response completed = api.postEmpty("/videos/" + id + "/complete", user.token());

        assertThat(completed.status()).as(completed.toString()).isEqualTo(415);
        assertThat(completed.problem()).isEqualTo("not-a-video");
        assertThat(putAsPlanned(plan, text)).isEqualTo(412);
        assertNothingLeftBut(user, id, StorageKeys.source(user.id(), id));
    }

    @Test
    void completingBeforeUploadingSaysSoAndKeepsTheUploadOpen() {
        TestUser user = TestUser.random();
        String id = start(user, "later.mp4", 1000, "").json().path("id").asString();

        Response completed = api.postEmpty("/videos/" + id + "/complete", user.token());

        assertThat(completed.status()).as(completed.toString()).isEqualTo(409);
        assertThat(completed.problem()).isEqualTo("upload-incomplete");
        assertThat(video(id).getStatus()).isEqualTo(VideoStatus.UPLOADING);
        assertThat(jobsOf(user.id())).isEmpty();
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefused() {
        TestUser user = TestUser.random();
        Response response = start(user, "big.mp4", 12L * MB + 1, "");
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.problem()).isEqualTo("file-too-large");
        assertThat(itemsOf(user.id())).isEmpty();
        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
    }

    @Test
    void partsUnknownToStorageAreRefusedAndTheUploadStaysOpen() {
        TestUser user = TestUser.random();
        String id = start(user, "p.mp4", 7L * MB, "").json().path("id").asString();
        Response unknownParts = api.postJson("/videos/" + id + "/complete", user.token(),
                "{\"parts\":[{\"partNumber\":1,\"etag\":\"\\\"nope\\\"\"}]}");
        assertThat(unknownParts.status()).as(unknownParts.toString()).isEqualTo(409);
        assertThat(unknownParts.problem()).isEqualTo("upload-incomplete");
        assertThat(video(id).getStatus()).isEqualTo(VideoStatus.UPLOADING);
    }

    @Test
    void aMultipartUploadGetsFreshUrlsForItsMissingPartsAndOutlivesItsFirstDeadline() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(11 * MB + 7);
        JsonNode plan = start(user, "slow.mov", content.length, "").json();
        String id = plan.path("id").asString();
        putPart(plan.path("parts").get(0), content, 5 * MB);
        Instant firstDeadline = video(id).getUploadExpiresAt();

        clock.advance(properties.uploadUrlTtl().minusMinutes(1));
        Response renewed = api.postEmpty("/videos/" + id + "/upload-urls", user.token());

        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        JsonNode fresh = renewed.json();
        assertThat(fresh.path("id").asString()).isEqualTo(id);
        assertThat(fresh.path("method").asString()).isEqualTo("MULTIPART");
        assertThat(fresh.path("uploadId").asString()).isEqualTo(plan.path("uploadId").asString());
        assertThat(fresh.path("partSize").asLong()).isEqualTo(5L * MB);
        assertThat(fresh.path("completeUrl").asString()).isEqualTo("/videos/" + id + "/complete");
        List<Integer> numbers = new ArrayList<>();
        fresh.path("parts").forEach(part -> numbers.add(part.path("partNumber").asInt()));
        assertThat(numbers).as("only the parts not uploaded yet").containsExactly(2, 3);
        assertThat(video(id).getUploadExpiresAt()).as("the deadline moves with the URLs")
                .isAfterOrEqualTo(firstDeadline.plus(properties.uploadUrlTtl()).minus(Duration.ofMinutes(1)));

        clock.advance(properties.sweep().uploadGrace().plusMinutes(2));
        sweeper.sweep();
        assertThat(video(id).getStatus()).as("past the first deadline").isEqualTo(VideoStatus.UPLOADING);

        for (JsonNode part : fresh.path("parts")) {
            putPart(part, content, 5 * MB);
        }
        Response completed = api.postEmpty("/videos/" + id + "/complete", user.token());
        assertThat(completed.status()).as(completed.toString()).isEqualTo(202);
        assertThat(completed.json().path("status").asString()).isEqualTo("QUEUED");
        assertThat(s3.getObjectAsBytes(request -> request.bucket(aws.bucket())
                .key(StorageKeys.source(user.id(), id))).asByteArray()).isEqualTo(content);
        assertThat(jobsOf(user.id())).hasSize(1);
    }

    @Test
    void anUploadRecordedWithoutItsPartSizeIsRenewedWithTheConfiguredOne() {
        TestUser user = TestUser.random();
        String id = start(user, "older.mp4", 11L * MB, "").json().path("id").asString();
        dynamo.updateItem(request -> request.tableName(store.tableName())
                .key(Map.of("id", AttributeValue.fromS(id)))
                .updateExpression("REMOVE partSizeBytes"));

        Response renewed = api.postEmpty("/videos/" + id + "/upload-urls", user.token());

        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        assertThat(renewed.json().path("partSize").asLong()).isEqualTo(5L * MB);
        assertThat(renewed.json().path("parts")).hasSize(3);
    }

    @Test
    void aPutUploadGetsAFreshUrlUntilItIsCompleted() throws Exception {
        TestUser user = TestUser.random();
        byte[] content = TestVideos.mp4(20_000);
        String id = start(user, "clip.mp4", content.length, "").json().path("id").asString();

        Response renewed = api.postEmpty("/videos/" + id + "/upload-urls", user.token());
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        JsonNode fresh = renewed.json();
        assertThat(fresh.path("method").asString()).isEqualTo("PUT");
        assertThat(putAsPlanned(fresh, TestVideos.mp4(19_999)))
                .as("signed for the declared length").isEqualTo(403);
        assertThat(putAsPlanned(fresh, content)).isEqualTo(200);
        assertThat(api.postEmpty("/videos/" + id + "/complete", user.token()).status()).isEqualTo(202);

        Response again = api.postEmpty("/videos/" + id + "/upload-urls", user.token());
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.problem()).isEqualTo("already-uploaded");
        Response foreign = api.postEmpty("/videos/" + id + "/upload-urls", TestUser.random().token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.problem()).isEqualTo("video-not-found");
        assertThat(jobsOf(user.id())).hasSize(1);
    }

    @Test
    void anUploadGetsNoFreshUrlsOnceItsMaximumDurationIsOverOrItExpired() {
        TestUser user = TestUser.random();
        String late = start(user, "late.mp4", 7L * MB, "").json().path("id").asString();
        String abandoned = start(user, "gone.mp4", 1000, "").json().path("id").asString();
        Video before = video(late);

        clock.advance(properties.uploadMaxDuration());
        Response refused = api.postEmpty("/videos/" + late + "/upload-urls", user.token());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.problem()).isEqualTo("upload-expired");
        assertThat(refused.json().path("detail").asString()).contains("within 12h of its start");
        assertThat(video(late)).usingRecursiveComparison().isEqualTo(before);
        assertThat(openMultipartUploadsOf(user.id())).hasSize(1);

        sweeper.sweep();
        Response expired = api.postEmpty("/videos/" + abandoned + "/upload-urls", user.token());
        assertThat(expired.status()).as(expired.toString()).isEqualTo(409);
        assertThat(expired.problem()).isEqualTo("upload-expired");
        assertThat(video(abandoned).getStatus()).isEqualTo(VideoStatus.EXPIRED);
        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
    }

    private void putPart(JsonNode part, byte[] content, int partSize) throws IOException, InterruptedException {
        assertThat(partPut(part, content, partSize).statusCode()).isEqualTo(200);
    }

    /** Every part URL of the plan gets 404 NoSuchUpload, and nothing of the user's is left in the bucket. */
    private void assertPartUrlsRefusedAndNothingLeft(TestUser user, JsonNode plan, byte[] content) throws Exception {
        for (JsonNode part : plan.path("parts")) {
            HttpResponse<String> put = partPut(part, content, 5 * MB);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(404);
            assertThat(put.body()).contains("NoSuchUpload");
        }
        assertThat(objectsOf(user.id())).as("objects left").isEmpty();
        assertThat(openMultipartUploadsOf(user.id())).as("multipart uploads left").isEmpty();
    }

    /** The PUT of {@code part}'s slice of {@code content} to its URL. */
    private HttpResponse<String> partPut(JsonNode part, byte[] content, int partSize)
            throws IOException, InterruptedException {
        int from = (part.path("partNumber").asInt() - 1) * partSize;
        byte[] slice = Arrays.copyOfRange(content, from, Math.min(content.length, from + partSize));
        return PresignedPut.send(part.path("url").asString(), Map.of(), slice);
    }

    private void assertNothingLeft(TestUser user, String id) {
        assertNothingLeftBut(user, id);
    }

    private void assertNothingLeftBut(TestUser user, String id, String... sealed) {
        assertOnlySealed(user, sealed);
        assertThat(findVideo(id)).isEmpty();
        assertThat(api.get("/videos/" + id, user.token()).status()).isEqualTo(404);
        assertThat(jobsOf(user.id())).isEmpty();
    }

    /** The user's objects are exactly the empty ones sealing {@code keys}. */
    private void assertOnlySealed(TestUser user, String... keys) {
        assertThat(objectsOf(user.id())).containsExactlyInAnyOrder(keys);
        for (String key : keys) {
            assertThat(s3.headObject(request -> request.bucket(aws.bucket()).key(key)).contentLength()).isZero();
        }
    }

    private double directBytes() {
        var summary = meters.find("framesmith.video.upload.bytes").tag("method", "direct").summary();
        return summary == null ? 0 : summary.totalAmount();
    }

    private Response start(TestUser user, String filename, long size, String extra) {
        return api.postJson("/videos/uploads", user.token(), "{\"filename\":" + jsonString(filename)
                + ",\"sizeBytes\":" + size + ",\"contentType\":\"video/mp4\"" + extra + "}");
    }

    /** The PUT of a single-PUT plan: its URL, with the headers it names. */
    private int putAsPlanned(JsonNode plan, byte[] content) throws IOException, InterruptedException {
        return put(plan.path("url").asString(), PresignedPut.headers(plan.path("headers")), content);
    }

    private int put(String url, Map<String, String> headers, byte[] content) throws IOException, InterruptedException {
        return PresignedPut.send(url, headers, content).statusCode();
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
