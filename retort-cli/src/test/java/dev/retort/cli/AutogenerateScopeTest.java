package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What autogenerate compares: the version table never, excluded tables and other schemas only when asked. */
class AutogenerateScopeTest {
    @TempDir
    Path dir;
    Cli cli;
    String devUrl;

    @BeforeEach
    void databaseWithMoreThanTheModel() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        devUrl = TestPostgres.freshDatabase() + "?user=postgres";
        cli.sql("aaaaaaaaaaa1", "none", "by hand",
                "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE audit_log (id int);\n"
                        + "CREATE SCHEMA reporting;\nCREATE TABLE reporting.daily (day date);", "SELECT 1;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);");
    }

    @Test
    void withoutFiltersAnExtraTableInPublicIsADifferenceButOtherSchemasAreNotCompared() {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + devUrl + "\"\n");
        Cli.Result r = cli.run("check");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("audit_log").doesNotContain("reporting").doesNotContain("retort_version");
    }

    @Test
    void excludedTablesAreLeftAlone() {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"audit_log\"]\n"
                + "dev_url = \"" + devUrl + "\"\n");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void namedSchemasAreCompared() {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"audit_log\"]\n"
                + "schemas = [\"public\", \"reporting\"]\ndev_url = \"" + devUrl + "\"\n");
        Cli.Result r = cli.run("check");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("reporting.daily");
    }

    @Test
    void anExcludedTableWrittenInCapitalsIsTheTableOfThatNameFolded() {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"AUDIT_LOG\"]\n"
                + "dev_url = \"" + devUrl + "\"\n");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void anotherMigrationToolsVersionTablesAreLeftAloneWhereverTheyAreCompared() {
        cli.execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50))");
        cli.execute("CREATE TABLE databasechangelog (id varchar(255))");
        cli.execute("CREATE TABLE reporting.databasechangeloglock (id int PRIMARY KEY)");
        cli.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"audit_log\"]\n"
                + "schemas = [\"public\", \"reporting\"]\ndev_url = \"" + devUrl + "\"\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("reporting.daily").doesNotContain("flyway").doesNotContain("databasechangelog")
                .doesNotContain("alembic");
    }

    @Test
    void globsLeaveFamiliesOfTablesAloneAndNoOthers() {
        cli.execute("CREATE TABLE legacy_orders (id serial PRIMARY KEY);\nCREATE TABLE legacy_items (id int);\n"
                + "CREATE TABLE customers_old (id int);\nCREATE TABLE reporting.weekly (week date);\n"
                + "CREATE TABLE reporting.stats_old (id int);\nCREATE TABLE legacy (id int);");
        // A model's table that a pattern names is left alone too: no migration creates it.
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE legacy_new (id int);\n"
                + "CREATE SCHEMA reporting;");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"legacy_*\", "
                + "\"reporting.*\", \"*_OLD\", \"audit_lo?\"]\nschemas = [\"public\", \"reporting\"]\n"
                + "dev_url = \"" + devUrl + "\"\n");

        Cli.Result r = cli.run("check");

        // legacy_* needs the underscore, and a pattern without a schema names the default schema's tables only.
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().lines().filter(line -> line.startsWith("  - ")))
                .containsExactly("  - drop table legacy (can lose data)");

        // Without schemas, the default schema alone is compared (and those the model names, now none).
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE legacy_new (id int);");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"legacy*\", "
                + "\"public.*_old\", \"audit_log\"]\ndev_url = \"" + devUrl + "\"\n");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aSchemaThatHoldsWhatTheComparisonLeavesAloneIsNotDropped() {
        // legacy holds excluded tables alone, reporting a table of no model and a view, scratch a table of no model.
        cli.execute("CREATE SCHEMA legacy;\nCREATE TABLE legacy.orders (id serial PRIMARY KEY);\n"
                + "CREATE TABLE legacy.items (id int);\nCREATE VIEW reporting.answer AS SELECT 42 AS answer;\n"
                + "CREATE SCHEMA scratch;\nCREATE TABLE scratch.tmp (id int);");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"audit_log\", "
                + "\"legacy.*\"]\nschemas = [\"public\", \"legacy\", \"reporting\", \"scratch\"]\n"
                + "dev_url = \"" + devUrl + "\"\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().lines().filter(line -> line.startsWith("  - "))).containsExactly(
                "  - drop table scratch.tmp (can lose data)", "  - drop table reporting.daily (can lose data)",
                "  - drop schema scratch (can lose data)");
        // The view alone keeps reporting, and a downgrade finds the schemas it left where they were.
        cli.autogenerate("tidy up");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname IN ('legacy', 'reporting', 'scratch') "
                + "ORDER BY 1")).containsExactly("legacy", "reporting");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT count(*) FROM legacy.orders")).containsExactly("0");
    }

    @Test
    void excludingAParentLeavesOutItsChildrenButNotATableOfTheModel() {
        cli.execute("CREATE TABLE measurements (id int, at date);\n"
                + "CREATE TABLE measurements_2015 () INHERITS (measurements);\n"
                + "CREATE TABLE measurements_2016 (note text) INHERITS (measurements);\n"
                + "CREATE TABLE measurements_2016_q1 () INHERITS (measurements_2016);");
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_tables = [\"audit_log\", "
                + "\"measurements\"]\ndev_url = \"" + devUrl + "\"\n");
        assertThat(cli.ok("check").out()).contains("No differences");

        // A model that describes the family, parent excluded: its children are left out on its side too.
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);\n"
                + "CREATE TABLE measurements (id int, at date);\n"
                + "CREATE TABLE measurements_2015 () INHERITS (measurements);");
        assertThat(cli.ok("check").out()).contains("No differences");

        // A table of the model (as an entity mapped onto one child would be) is compared, with its own children.
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);\n"
                + "CREATE TABLE measurements_2016 (id int, at date, note text);");
        Cli.Result r = cli.run("check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().lines().filter(line -> line.startsWith("  - "))).containsExactly(
                "  - stop measurements_2016 inheriting from measurements",
                "  - drop table measurements_2016_q1 (can lose data)");
    }
}
