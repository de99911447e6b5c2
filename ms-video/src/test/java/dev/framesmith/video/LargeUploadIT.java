package dev.framesmith.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.emulators.client.EmulatorKit;
import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.emulators.client.KitOptions;
import dev.framesmith.emulators.client.RunningKit;
import dev.framesmith.emulators.client.Service;
import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 1 GiB upload through {@code POST /videos} into the built service running with a 256 MB heap: the file is
 * generated while it is sent, so neither side ever holds it. Runs against its own emulator kit whose S3 keeps
 * objects on disk (the shared kit keeps them in memory).
 */
class LargeUploadIT {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final Path WORK = Path.of("target", "large-upload");

    private static RunningKit kit;
    private static Process service;
    private static int port;
    private static int managementPort;

    @BeforeAll
    static void start() throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        kit = EmulatorKit.start(KitOptions.defaults()
                .withServices(Service.S3, Service.SQS, Service.DYNAMODB)
                .withDataDir(WORK.resolve("kit").toAbsolutePath())
                .withLogFile(WORK.resolve("kit.log").toAbsolutePath()));
        Endpoints endpoints = kit.endpoints();
        port = freePort();
        managementPort = freePort();
        Path jar = Path.of(System.getProperty("ms-video.jar", "target/ms-video.jar"));
        assertThat(jar).as("the packaged service").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.cloud.aws.region.static=" + endpoints.region(),
                "--spring.cloud.aws.credentials.access-key=" + endpoints.accessKey(),
                "--spring.cloud.aws.credentials.secret-key=" + endpoints.secretKey(),
                "--spring.cloud.aws.sqs.endpoint=" + endpoints.sqs(),
                "--spring.cloud.aws.s3.endpoint=" + endpoints.s3(),
                "--spring.cloud.aws.s3.path-style-access-enabled=true",
                "--spring.cloud.aws.dynamodb.endpoint=" + endpoints.dynamodb(),
                "--framesmith.aws.provision.enabled=true",
                "--framesmith.video.sweep.enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("ms-video.log").toFile());
        builder.environment().put("FRAMESMITH_SECURITY_JWT_PUBLIC_KEY", TestTokens.publicKeyPem());
        service = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(service.isAlive()).as("ms-video is running (see " + WORK.resolve("ms-video.log") + ")")
                    .isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create(management() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        if (kit != null) {
            kit.close();
        }
        FileSystemUtils.deleteRecursively(WORK.resolve("kit"));
    }

    @Test
    void aGigabyteStreamsIntoStorageThroughASmallHeap() throws Exception {
        TestUser user = TestUser.random();
        GeneratedUpload body = new GeneratedUpload(GIB);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/videos"))
                .timeout(Duration.ofMinutes(15))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "multipart/form-data; boundary=" + GeneratedUpload.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(service.isAlive()).isTrue();
        String id = response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(kit.endpoints().s3())
                .forcePathStyle(true)
                .region(Region.of(kit.endpoints().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        kit.endpoints().accessKey(), kit.endpoints().secretKey())))
                .build()) {
            String key = StorageKeys.source(user.id(), id);
            assertThat(s3.headObject(head -> head.bucket("framesmith-videos").key(key)).contentLength())
                    .isEqualTo(GIB);
            MessageDigest stored = MessageDigest.getInstance("SHA-256");
            try (InputStream object = s3.getObject(get -> get.bucket("framesmith-videos").key(key))) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = object.read(buffer)) > 0; ) {
                    stored.update(buffer, 0, n);
                }
            }
            assertThat(HexFormat.of().formatHex(stored.digest())).isEqualTo(body.fileSha256());
        }
        HttpResponse<String> video = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base() + "/videos/" + id)).header("Authorization", "Bearer " + user.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(video.body()).contains("\"sizeBytes\":" + GIB).contains("\"status\":\"QUEUED\"");
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(management() + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics)
                .contains("framesmith_video_upload_bytes_sum{method=\"stream\",service=\"ms-video\"} 1.073741824E9")
                .as("every part buffer back in the pool (24 by default)")
                .contains("framesmith_video_upload_buffers_free{service=\"ms-video\"} 24.0");
        assertThat(service.isAlive()).isTrue();
    }

    private static String management() {
        return "http://127.0.0.1:" + managementPort;
    }

    private static String base() {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A multipart body with one {@code files} part of {@code size} bytes, produced as it is read: 1 MiB blocks of
     * pseudo-random filler, each stamped with its number in its first 8 bytes (so a block lost, repeated or moved
     * changes the digest), the first starting with an MP4 header. Keeps the SHA-256 of the file part. Whole blocks are
     * copied rather than bytes computed one by one, so the sender never holds the upload back.
     */
    static final class GeneratedUpload extends InputStream {

        static final String BOUNDARY = "framesmith-large-upload";
        private static final byte[] HEAD = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\";"
                + " filename=\"large.mp4\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TAIL = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        private static final int BLOCK_SIZE = 1 << 20;

        private final long size;
        private final MessageDigest digest;
        private final byte[] filler = new byte[BLOCK_SIZE];
        private final byte[] block;
        private final byte[] header = TestVideos.mp4Header();
        private long blockNumber = -1;
        private long position;

        GeneratedUpload(long size) throws NoSuchAlgorithmException {
            this.size = size;
            this.digest = MessageDigest.getInstance("SHA-256");
            new Random(7).nextBytes(filler);
            this.block = filler.clone();
        }

        String fileSha256() {
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long fileStart = HEAD.length;
            long fileEnd = fileStart + size;
            long total = fileEnd + TAIL.length;
            if (position >= total) {
                return -1;
            }
            int n;
            if (position < fileStart) {
                n = (int) Math.min(length, fileStart - position);
                System.arraycopy(HEAD, (int) position, buffer, offset, n);
            } else if (position < fileEnd) {
                long inFile = position - fileStart;
                int inBlock = (int) (inFile % BLOCK_SIZE);
                n = (int) Math.min(Math.min(length, fileEnd - position), BLOCK_SIZE - inBlock);
                System.arraycopy(block(inFile / BLOCK_SIZE), inBlock, buffer, offset, n);
                digest.update(buffer, offset, n);
            } else {
                n = (int) Math.min(length, total - position);
                System.arraycopy(TAIL, (int) (position - fileEnd), buffer, offset, n);
            }
            position += n;
            return n;
        }

        /** Block {@code number}, read in order: the filler under the MP4 header or under the block's number. */
        private byte[] block(long number) {
            if (number != blockNumber) {
                if (number == 0) {
                    System.arraycopy(header, 0, block, 0, header.length);
                } else {
                    System.arraycopy(filler, 0, block, 0, header.length);
                    ByteBuffer.wrap(block).putLong(0, number);
                }
                blockNumber = number;
            }
            return block;
        }
    }
}
