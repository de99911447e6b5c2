package dev.framesmith.emulators.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the binaries in zonky's Maven artifacts, as a child of this JVM; data under
 * {@code <data-dir>/postgres} or in a temporary directory. Creates the {@value #DATABASE} database.
 */
final class PostgresEmulator implements Emulator {

    static final String DATABASE = "auth";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresEmulator.class);

    /** Interrupts (fast shutdown) the postmaster whose pid is the first argument once stdin closes. */
    private static final String WATCHDOG = """
            const pid = Number(process.argv[1]);
            const stop = () => { try { process.kill(pid, 'SIGINT'); } catch (e) { } process.exit(0); };
            process.stdin.on('end', stop);
            process.stdin.on('error', stop);
            process.stdin.resume();
            """;

    private final EmbeddedPostgres postgres;
    private Process watchdog;

    private PostgresEmulator(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresEmulator start(ServerOptions options) throws IOException, SQLException {
        int port = Ports.resolve(options.portOf(Service.POSTGRES));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setServerConfig("listen_addresses", Ports.HOST)
                .setPGStartupWait(Duration.ofSeconds(90))
                .setRegisterShutdownHook(false)
                .setOutputRedirector(Redirect.DISCARD)
                .setErrorRedirector(Redirect.INHERIT);
        Path dir = options.dataDir("postgres");
        if (dir != null) {
            Files.createDirectories(dir);
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
        }
        PostgresEmulator emulator = new PostgresEmulator(builder.start());
        try {
            emulator.createDatabases();
            emulator.watchPostmaster();
        } catch (SQLException | RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    private void createDatabases() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String database : List.of(DATABASE)) {
                try (ResultSet found = statement.executeQuery(
                        "select 1 from pg_database where datname = '" + database + "'")) {
                    if (found.next()) {
                        continue;
                    }
                }
                statement.execute("create database " + database);
            }
        }
    }

    /**
     * pg_ctl detaches the postmaster from this JVM, so nothing would stop it if this JVM died without running its
     * shutdown hook; a node watchdog holding this JVM's end of a pipe stops it then.
     */
    private void watchPostmaster() throws SQLException {
        long postmaster;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
            backend.next();
            postmaster = ProcessHandle.of(backend.getLong(1)).flatMap(ProcessHandle::parent)
                    .map(ProcessHandle::pid).orElseThrow(() -> new IllegalStateException("postmaster not found"));
        }
        try {
            watchdog = new ProcessBuilder("node", "-e", WATCHDOG, Long.toString(postmaster))
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.INHERIT).start();
        } catch (IOException e) {
            log.warn("cannot start the postmaster watchdog; PostgreSQL outlives this JVM if it is killed", e);
        }
    }

    @Override
    public Map<String, String> endpoints() {
        return Map.of(
                "jdbcUrl", "jdbc:postgresql://" + Ports.HOST + ":" + postgres.getPort() + "/" + DATABASE,
                "dbUser", USER,
                "dbPassword", PASSWORD);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("stopping PostgreSQL failed", e);
        }
        if (watchdog != null) {
            watchdog.destroyForcibly();
        }
    }
}
