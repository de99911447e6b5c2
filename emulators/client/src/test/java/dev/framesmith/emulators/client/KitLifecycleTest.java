package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

class KitLifecycleTest {

    @Test
    void closingTheClientStopsTheKitAndEverythingItStarted() {
        RunningKit kit = EmulatorKit.start();
        Endpoints endpoints = kit.endpoints();
        List<Integer> ports = List.of(endpoints.sqs().getPort(), endpoints.s3().getPort(),
                endpoints.dynamodb().getPort(), endpoints.ses().getPort(), jdbcPort(endpoints.jdbcUrl()));
        List<ProcessHandle> children = ProcessHandle.of(kit.pid()).orElseThrow().descendants().toList();
        assertThat(ports).allSatisfy(port -> assertThat(accepts(port)).isTrue());
        assertThat(ports).as("below the range outgoing connections take their local ports from")
                .allSatisfy(port -> assertThat(port).isLessThan(FreePorts.ephemeralStart()));
        assertThat(children).as("node stand-ins and watchdog").hasSizeGreaterThanOrEqualTo(3);

        kit.close();

        assertThat(kit.isAlive()).isFalse();
        assertThat(ProcessHandle.of(kit.pid())).isEmpty();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(ports).allSatisfy(port -> assertThat(accepts(port)).as("port %d", port).isFalse());
    }

    @Test
    void nothingOutlivesAKitWhoseJvmIsKilled() {
        RunningKit kit = EmulatorKit.start(KitOptions.defaults().withServices(Service.DYNAMODB, Service.POSTGRES));
        int dynamodb = kit.endpoints().dynamodb().getPort();
        int postgres = jdbcPort(kit.endpoints().jdbcUrl());
        List<ProcessHandle> children = ProcessHandle.of(kit.pid()).orElseThrow().descendants().toList();

        ProcessHandle.of(kit.pid()).orElseThrow().destroyForcibly();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while ((accepts(dynamodb) || accepts(postgres) || children.stream().anyMatch(ProcessHandle::isAlive))
                && Instant.now().isBefore(deadline)) {
            pause();
        }
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(accepts(dynamodb)).isFalse();
        assertThat(accepts(postgres)).isFalse();
        kit.close();
    }

    @Test
    void dataSurvivesARestartWithTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
        KitOptions options = KitOptions.defaults().withDataDir(dataDir)
                .withServices(Service.S3, Service.DYNAMODB, Service.POSTGRES);
        try (RunningKit kit = EmulatorKit.start(options);
                S3Client s3 = Clients.s3(kit.endpoints());
                DynamoDbClient dynamodb = Clients.dynamodb(kit.endpoints());
                Connection db = Clients.jdbc(kit.endpoints());
                Statement sql = db.createStatement()) {
            assertThat(kit.endpoints().sqs()).isNull();
            s3.createBucket(r -> r.bucket("kept"));
            s3.putObject(r -> r.bucket("kept").key("frames/u/v/frames.zip"), RequestBody.fromString("zip bytes"));
            dynamodb.createTable(r -> r.tableName("kept").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            dynamodb.waiter().waitUntilTableExists(r -> r.tableName("kept"));
            dynamodb.putItem(r -> r.tableName("kept").item(Map.of("id", AttributeValue.fromS("v1"),
                    "status", AttributeValue.fromS("DONE"))));
            sql.execute("create table kept (name text primary key)");
            sql.execute("insert into kept values ('row survives')");
        }
        assertThat(Files.list(dataDir).map(path -> path.getFileName().toString()))
                .contains("s3", "dynamodb", "postgres");

        try (RunningKit kit = EmulatorKit.start(options);
                S3Client s3 = Clients.s3(kit.endpoints());
                DynamoDbClient dynamodb = Clients.dynamodb(kit.endpoints());
                Connection db = Clients.jdbc(kit.endpoints());
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select name from kept")) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket("kept").key("frames/u/v/frames.zip")).asUtf8String())
                    .isEqualTo("zip bytes");
            assertThat(dynamodb.getItem(r -> r.tableName("kept").key(Map.of("id", AttributeValue.fromS("v1"))))
                    .item()).containsEntry("status", AttributeValue.fromS("DONE"));
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("row survives");
        }
    }

    @Test
    void aKitThatCannotStartFailsWithTheEndOfItsLog(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KitOptions options = KitOptions.defaults().withServices(Service.S3)
                    .withPort(Service.S3, taken.getLocalPort()).withLogFile(dir.resolve("kit.log"));

            assertThatThrownBy(() -> EmulatorKit.start(options))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited before it was ready")
                    .hasMessageContaining("s3 failed to start");
        }
        assertThat(Files.readString(dir.resolve("kit.log"))).contains("s3 failed to start");
    }

    @Test
    void aMissingJarIsReportedWithHowToBuildIt() {
        KitOptions options = KitOptions.defaults().withJar(Path.of("does-not-exist.jar"));

        assertThatThrownBy(() -> EmulatorKit.start(options))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does-not-exist.jar")
                .hasMessageContaining("./mvnw -pl emulators/server package");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int jdbcPort(String jdbcUrl) {
        return URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
