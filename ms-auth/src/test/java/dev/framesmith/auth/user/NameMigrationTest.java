package dev.framesmith.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V7 on users stored before registration refused text-direction controls: run in a schema of its own, migrated to V6,
 * filled, then migrated on.
 */
class NameMigrationTest extends AuthIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void namesStoredWithTextDirectionControlsLoseThemAndOthersStayAsTheyWere() {
        String schema = "names_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> stored = Map.of(
                "reversed", "Ada \u202Enosliw\u202C Lovelace",
                "isolated", "\u2067Grace\u2069 Hopper",
                "only-controls", "\u202E\u200F",
                "plain", "Ada Lovelace",
                "joined", "Zo\u00eb \u200D\uD83D\uDC69\u200D\uD83D\uDCBB");
        try {
            flyway(schema).target("6").load().migrate();
            stored.forEach((key, name) -> jdbc.sql("INSERT INTO " + schema + ".users (id, email, name, password_hash,"
                            + " created_at) VALUES (:id, :email, :name, :hash, :at)")
                    .param("id", UUID.randomUUID()).param("email", key + "@example.com").param("name", name)
                    .param("hash", "x".repeat(60)).param("at", Timestamp.from(Instant.EPOCH)).update());

            flyway(schema).load().migrate();

            Map<String, String> names = jdbc.sql("SELECT email, name FROM " + schema + ".users")
                    .query((row, n) -> Map.entry(row.getString("email").replace("@example.com", ""),
                            row.getString("name")))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            Map.Entry::getValue));
            assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "reversed", "Ada nosliw Lovelace",
                    "isolated", "Grace Hopper",
                    "only-controls", "Framesmith user",
                    "plain", "Ada Lovelace",
                    "joined", "Zo\u00eb \u200D\uD83D\uDC69\u200D\uD83D\uDCBB"));
            assertThat(names.values()).allSatisfy(name -> assertThat(name.codePoints()
                    .noneMatch(PersonNameValidator::isBidiControl)).as(name).isTrue());
        } finally {
            jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        }
    }

    private FluentConfiguration flyway(String schema) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration");
    }
}
