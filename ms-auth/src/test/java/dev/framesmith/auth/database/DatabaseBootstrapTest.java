package dev.framesmith.auth.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.testsupport.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production database bootstrap (infra/k8s/aws/secrets/db-bootstrap/bootstrap.sql), run as an
 * RDS-like master user (CREATEROLE and CREATEDB, owner of the database, not a superuser): the login it creates can
 * run ms-auth's Flyway migrations and queries, and nothing more.
 */
class DatabaseBootstrapTest {

    private static final Path SCRIPT = Path.of("../infra/k8s/aws/secrets/db-bootstrap/bootstrap.sql");

    private final Endpoints endpoints = TestBackend.endpoints();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String database = "auth_" + suffix;
    private final String master = "master_" + suffix;
    private final String app = "framesmith_auth_" + suffix;
    private final String masterPassword = "master-" + suffix + "-0123456789";
    private final String appPassword = "0123456789abcdef" + suffix;

    @BeforeEach
    void anRdsLikeDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + master + " LOGIN CREATEROLE CREATEDB PASSWORD '" + masterPassword + "'");
            sql.execute("CREATE DATABASE " + database + " OWNER " + master);
        }
    }

    @Test
    void theLoginRunsTheMigrationsAndTheQueriesAndNothingElse() throws Exception {
        bootstrap();
        bootstrap();

        Flyway.configure().dataSource(url(), app, appPassword).locations("classpath:db/migration").load().migrate();
        try (Connection login = DriverManager.getConnection(url(), app, appPassword); Statement sql = login.createStatement()) {
            assertThat(single(sql, "SELECT current_schema()")).isEqualTo("auth");
            assertThat(single(sql, "SELECT count(*) FROM users")).isEqualTo("0");
            assertThat(single(sql, "SELECT rolsuper::text || rolcreatedb::text || rolcreaterole::text || rolreplication::text"
                    + " FROM pg_roles WHERE rolname = current_user")).isEqualTo("falsefalsefalsefalse");
            assertThatThrownBy(() -> sql.execute("CREATE TABLE public.leak (id int)")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> sql.execute("CREATE SCHEMA other")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> sql.execute("CREATE ROLE intruder")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> sql.execute("CREATE DATABASE other")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aShortPasswordIsRefused() {
        assertThatThrownBy(() -> run(app, "too-short")).isInstanceOf(SQLException.class)
                .hasMessageContaining("at least 16 characters");
    }

    private void bootstrap() throws Exception {
        run(app, appPassword);
    }

    private void run(String user, String password) throws Exception {
        try (Connection connection = DriverManager.getConnection(url(), master, masterPassword);
                Statement sql = connection.createStatement()) {
            sql.execute("SET framesmith.app_user = '" + user + "'");
            sql.execute("SET framesmith.app_password = '" + password + "'");
            sql.execute(Files.readString(SCRIPT));
        }
    }

    private String url() {
        String base = endpoints.jdbcUrl();
        int slash = base.lastIndexOf('/');
        int query = base.indexOf('?', slash);
        return base.substring(0, slash + 1) + database + (query < 0 ? "" : base.substring(query));
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }
}
