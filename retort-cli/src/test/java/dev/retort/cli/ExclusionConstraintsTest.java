package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exclusion constraints ({@code EXCLUDE USING gist (room WITH =, during WITH &&)}) are compared, created, dropped and
 * changed by autogenerate, in the order their columns allow, with the extension their operator classes come from;
 * {@code check} and {@code retort test} see them. Each round trip leaves the database as it was.
 */
class ExclusionConstraintsTest {
    private static final String EXTENSION = "CREATE EXTENSION btree_gist;\n";
    private static final String BOOKINGS = "CREATE TABLE bookings (id int PRIMARY KEY, room int NOT NULL, "
            + "during tstzrange NOT NULL";
    private static final String NO_OVERLAP = "CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)";

    @TempDir
    Path dir;

    /** The constraints, columns, indexes and extensions of the database, without Retort's own tables. */
    private static List<String> state(Cli cli) {
        List<String> lines = new ArrayList<>();
        lines.addAll(cli.column("SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' '"
                + " || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                + " AND conrelid::regclass::text NOT LIKE 'retort\\_%' ORDER BY 1"));
        lines.addAll(cli.column("SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type"
                + " FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name NOT LIKE 'retort\\_%' ORDER BY 1"));
        lines.addAll(cli.column("SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename NOT LIKE 'retort\\_%' ORDER BY 1"));
        lines.addAll(cli.column("SELECT 'extension ' || extname FROM pg_extension ORDER BY 1"));
        return lines;
    }

    private static String definition(Cli cli, String constraint) {
        return cli.column("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '" + constraint + "'")
                .get(0);
    }

    private static void noDifferences(Cli cli) {
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("No differences");
    }

    @Test
    void aNewTableIsCreatedWithItsExclusionConstraintAfterTheExtensionItNeeds() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", EXTENSION + BOOKINGS + ", " + NO_OVERLAP + ");\n");
        List<String> before = state(cli);

        String source = Files.readString(cli.autogenerate("bookings"));

        String upgrade = source.substring(source.indexOf("upgrade("), source.indexOf("downgrade("));
        assertThat(upgrade).containsSubsequence("op.createExtension(\"btree_gist\")", "op.createTable(\"bookings\"",
                "exclude(\"USING gist (room WITH =, during WITH &&)\").named(\"no_overlap\")");
        cli.ok("upgrade", "head");
        assertThat(definition(cli, "no_overlap")).isEqualTo("EXCLUDE USING gist (room WITH =, during WITH &&)");
        noDifferences(cli);

        cli.ok("downgrade", "base");
        assertThat(state(cli)).isEqualTo(before);
    }

    @Test
    void aConstraintOverANewColumnIsAddedAfterItAndDroppedBeforeIt() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        cli.execute("CREATE TABLE bookings (id int PRIMARY KEY, room int NOT NULL)");
        cli.write("schema.sql", EXTENSION + BOOKINGS + ", " + NO_OVERLAP + " DEFERRABLE INITIALLY DEFERRED);\n");
        List<String> before = state(cli);
        Cli.Result differs = cli.run("check");
        assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(1);
        assertThat(differs.out()).contains("exclusion constraint no_overlap on bookings");

        String source = Files.readString(cli.autogenerate("no overlap", "--sql-file", "--rev-id", "e00000000001"));

        String upgrade = source.substring(source.indexOf("-- +upgrade"), source.indexOf("-- +downgrade"));
        String downgrade = source.substring(source.indexOf("-- +downgrade"));
        assertThat(upgrade).containsSubsequence("CREATE EXTENSION IF NOT EXISTS btree_gist",
                "ALTER TABLE bookings ADD COLUMN during tstzrange NOT NULL",
                "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&) "
                        + "DEFERRABLE INITIALLY DEFERRED;");
        assertThat(downgrade).containsSubsequence("ALTER TABLE bookings DROP CONSTRAINT no_overlap;",
                "ALTER TABLE bookings DROP COLUMN during;");
        // Neither NOT VALID nor a concurrent build exists for it: the warning must not send the user to either.
        Cli.Result lint = cli.run("lint", "e00000000001");
        assertThat(lint.out()).as(lint.toString())
                .contains("RT109 adds exclusion constraint no_overlap on bookings to an existing table")
                .doesNotContain("RT111");
        cli.ok("upgrade", "head");
        assertThat(definition(cli, "no_overlap"))
                .isEqualTo("EXCLUDE USING gist (room WITH =, during WITH &&) DEFERRABLE INITIALLY DEFERRED");
        noDifferences(cli);

        cli.ok("downgrade", "base");
        assertThat(state(cli)).isEqualTo(before);
    }

    @Test
    void aConstraintOverADroppedColumnIsDroppedFirstAndAddedBackAfterIt() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        cli.execute(EXTENSION + BOOKINGS + ", " + NO_OVERLAP + ")");
        cli.write("schema.sql", EXTENSION + "CREATE TABLE bookings (id int PRIMARY KEY, room int NOT NULL);\n");
        List<String> before = state(cli);

        String source = Files.readString(cli.autogenerate("no periods"));

        String upgrade = source.substring(source.indexOf("upgrade("), source.indexOf("downgrade("));
        String downgrade = source.substring(source.indexOf("downgrade("));
        assertThat(upgrade).containsSubsequence("op.dropConstraint(\"no_overlap\", \"bookings\")",
                "op.dropColumn(\"bookings\", \"during\")");
        assertThat(downgrade).containsSubsequence("op.addColumn(\"bookings\"",
                "op.createExclusionConstraint(\"no_overlap\", \"bookings\", "
                        + "\"USING gist (room WITH =, during WITH &&)\")");
        cli.ok("upgrade", "head");
        noDifferences(cli);

        cli.ok("downgrade", "base");
        assertThat(state(cli)).isEqualTo(before);
    }

    @Test
    void aChangedConstraintIsDroppedAndAddedAndOneTheModelLacksIsReported() {
        Cli cli = Cli.withSchemaFile(dir);
        cli.execute(EXTENSION + BOOKINGS + ", cancelled boolean NOT NULL DEFAULT false, " + NO_OVERLAP + ")");
        List<String> before = state(cli);
        // A database with a constraint the model does not have differs from it.
        cli.write("schema.sql", EXTENSION + BOOKINGS + ", cancelled boolean NOT NULL DEFAULT false);\n");
        Cli.Result lacks = cli.run("check");
        assertThat(lacks.exitCode()).as(lacks.toString()).isEqualTo(1);
        assertThat(lacks.out()).contains("exclusion constraint no_overlap on bookings");

        cli.write("schema.sql", EXTENSION + BOOKINGS + ", cancelled boolean NOT NULL DEFAULT false, " + NO_OVERLAP
                + " WHERE (NOT cancelled));\n");
        Cli.Result differs = cli.run("check");
        assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(1);
        assertThat(differs.out()).contains("no_overlap");

        cli.autogenerate("active bookings only");
        cli.ok("upgrade", "head");
        assertThat(definition(cli, "no_overlap"))
                .isEqualTo("EXCLUDE USING gist (room WITH =, during WITH &&) WHERE ((NOT cancelled))");
        noDifferences(cli);
        cli.ok("downgrade", "base");
        assertThat(state(cli)).isEqualTo(before);
    }

    @Test
    void aRetypedColumnsConstraintIsRebuiltOverTheNewType() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        cli.execute(EXTENSION + BOOKINGS + ", " + NO_OVERLAP + ")");
        List<String> before = state(cli);
        cli.write("schema.sql", EXTENSION + "CREATE TABLE bookings (id int PRIMARY KEY, room bigint NOT NULL, "
                + "during tstzrange NOT NULL, " + NO_OVERLAP + ");\n");

        String source = Files.readString(cli.autogenerate("long room numbers"));

        // Its operators are chosen by the columns' types: it goes before the column changes and comes back after.
        String upgrade = source.substring(source.indexOf("upgrade("), source.indexOf("downgrade("));
        String downgrade = source.substring(source.indexOf("downgrade("));
        assertThat(upgrade).containsSubsequence("op.dropConstraint(\"no_overlap\", \"bookings\")",
                "op.alterColumn(\"bookings\", \"room\")", "op.createExclusionConstraint(\"no_overlap\"");
        assertThat(downgrade).containsSubsequence("op.dropConstraint(\"no_overlap\", \"bookings\")",
                "op.alterColumn(\"bookings\", \"room\")", "op.createExclusionConstraint(\"no_overlap\"");
        cli.ok("upgrade", "head");
        noDifferences(cli);
        cli.ok("downgrade", "base");
        assertThat(state(cli)).isEqualTo(before);
    }

    @Test
    void aConstraintFollowsItsRenamedTableAndColumnAndIsOnlyRenamed() throws Exception {
        Cli cli = Cli.withSchemaFile(dir);
        cli.execute(EXTENSION + BOOKINGS + ", EXCLUDE USING gist (room WITH =, during WITH &&))");
        assertThat(definition(cli, "bookings_room_during_excl")).isNotNull();
        List<String> before = state(cli);
        cli.write("schema.sql", EXTENSION + "CREATE TABLE reservations (id int PRIMARY KEY, room_no int NOT NULL, "
                + "during tstzrange NOT NULL, EXCLUDE USING gist (room_no WITH =, during WITH &&));\n");

        String source = Files.readString(cli.autogenerate("reservations", "--rename", "bookings=reservations",
                "--rename", "reservations.room=room_no"));

        String upgrade = source.substring(source.indexOf("upgrade("), source.indexOf("downgrade("));
        assertThat(upgrade).contains("RENAME CONSTRAINT bookings_room_during_excl TO reservations_room_no_during_excl")
                .doesNotContain("dropConstraint").doesNotContain("exclude(");
        cli.ok("upgrade", "head");
        noDifferences(cli);
        cli.ok("downgrade", "base");
        assertThat(state(cli)).isEqualTo(before);
    }

    @Test
    void jpaEntitiesWhichCannotSayExcludeKeepTheDatabasesConstraints() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write("src/main/java/com/example/Booking.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity @Table(name = "bookings")
                public class Booking {
                    @Id private Long id;
                    private Integer room;
                }
                """);
        cli.autogenerate("bookings");
        cli.ok("upgrade", "head");
        // Added by hand, as only a migration written for it can.
        cli.execute(EXTENSION + "ALTER TABLE bookings ADD CONSTRAINT one_per_room EXCLUDE USING gist (room WITH =)");

        noDifferences(cli);
        Cli.Result none = cli.run("revision", "--autogenerate", "-m", "nothing");
        assertThat(none.err()).as(none.toString()).contains("No changes detected");
    }

    @Test
    void retortTestSeesADowngradeThatDoesNotGiveTheConstraintBack() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "script_location = \"migrations\"\n[test]\ndatabase_url = \""
                + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.sql("e00000000001", "none", "bookings", EXTENSION + BOOKINGS + ", " + NO_OVERLAP + ");",
                "DROP TABLE bookings;\nDROP EXTENSION btree_gist;");
        cli.sql("e00000000002", "e00000000001", "overlaps allowed",
                "ALTER TABLE bookings DROP CONSTRAINT IF EXISTS no_overlap;", "SELECT 1;");

        Cli.Result tested = cli.run("test");

        assertThat(tested.exitCode()).as(tested.toString()).isEqualTo(1);
        assertThat(tested.err()).as(tested.toString()).contains("The downgrade of revision e00000000002 "
                + "(e00000000002_overlaps_allowed.sql) leaves a trace: "
                + "drop exclusion constraint no_overlap on bookings");
    }
}
