package dev.framesmith.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.config.WorkerPropertiesFixture;
import dev.framesmith.worker.ffmpeg.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The ZIP's way to S3 against the S3 stand-in: whole or in parts, and nothing left behind when a part fails or the
 * job is cancelled.
 */
class VideoStorageTest {

    private static final int MB = 1024 * 1024;

    private final S3Client s3 = new WorkerBackend("worker-storage").s3();
    private final VideoStorage storage = new VideoStorage(s3, WorkerPropertiesFixture.with(Map.of(
            "multipart-threshold", "6MB", "part-size", "5MB")));
    private final String key = "frames/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".zip";

    @TempDir
    Path dir;

    @BeforeEach
    void bucket() {
        if (s3.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(WorkerBackend.BUCKET))) {
            s3.createBucket(request -> request.bucket(WorkerBackend.BUCKET));
        }
    }

    @Test
    void aLargeZipGoesUpInPartsAndAppearsWhole() throws IOException {
        Path zip = file(11 * MB);

        storage.uploadFrames(WorkerBackend.BUCKET, key, zip, frames(11 * MB), Cancellation.none());

        assertThat(s3.getObjectAsBytes(request -> request.bucket(WorkerBackend.BUCKET).key(key)).asByteArray())
                .isEqualTo(Files.readAllBytes(zip));
        assertThat(openUploads()).isZero();
    }

    @Test
    void aPartThatCannotBeSentAbortsTheUploadSoNoPartsStayBehindAndNoZipAppears() throws IOException {
        // The ZIP on disk is shorter than the size it was recorded with: its second part cannot be read.
        Path zip = file(7 * MB);

        assertThatThrownBy(() -> storage.uploadFrames(WorkerBackend.BUCKET, key, zip, frames(11 * MB), Cancellation.none()))
                .isInstanceOf(RuntimeException.class);

        assertThat(openUploads()).as("multipart uploads left open under the key").isZero();
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket(WorkerBackend.BUCKET).key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aJobCancelledWhileItsZipGoesUpStopsBeforeTheNextPartAndLeavesNothing() throws IOException {
        Path zip = file(11 * MB);
        Cancellation cancellation = Cancellation.none();
        cancellation.cancel();

        assertThatThrownBy(() -> storage.uploadFrames(WorkerBackend.BUCKET, key, zip, frames(11 * MB),
                cancellation)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> storage.uploadFrames(WorkerBackend.BUCKET, key, file(MB), frames(MB),
                cancellation)).isInstanceOf(CancellationException.class);

        assertThat(openUploads()).as("multipart uploads left open under the key").isZero();
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket(WorkerBackend.BUCKET).key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }

    private Path file(int bytes) throws IOException {
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        return Files.write(dir.resolve(bytes + ".zip"), content);
    }

    private static StoredFrames frames(long zipBytes) {
        return new StoredFrames(ExtractionOptions.DEFAULT, 10, 10.0, zipBytes, null);
    }

    private int openUploads() {
        return s3.listMultipartUploads(request -> request.bucket(WorkerBackend.BUCKET).prefix(key)).uploads().size();
    }
}
