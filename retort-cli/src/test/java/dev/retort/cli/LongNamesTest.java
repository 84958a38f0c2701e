package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entities whose names PostgreSQL cuts to 63 bytes: the model names them as the database does, so a fresh upgrade
 * has no differences, a renamed entity's collection table keeps its rows, a renamed long column is renamed, and the
 * name Hibernate's update gives a long column's unique constraint is Hibernate's.
 */
class LongNamesTest {
    private static final String ENTITIES = "src/main/java/com/example/";
    private static final String OLD_TABLE = "long_entity_name_for_testing_purposes";
    /** The collection table's 83-byte name cut, and the new one's 72 bytes cut: each keeps another part. */
    private static final String OLD_COLLECTION = "long_entity_name_for_testing_purposes_some_very_long_collection";
    private static final String NEW_COLLECTION = "long_entity_name_for_tests_some_very_long_collection_attribute_";
    private static final String OLD_COLUMN = "an_old_column_name_that_is_also_long_enough_to_be_cut_by_postgr";
    private static final String NEW_COLUMN = "a_new_column_name_that_is_longer_than_sixty_three_bytes_and_so_";

    @TempDir
    Path dir;
    Cli cli;

    @AfterEach
    void discardTheProjectServer() {
        // Autogenerate's dev database is given, but a project that names none would start its own.
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    private void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
    }

    private static String entity(String header, String name, String renamedField, String field) {
        return """
                package com.example;

                import jakarta.persistence.*;
                import java.util.*;

                @Entity %s
                public class %s {
                    @Id @GeneratedValue private Long id;
                    @ElementCollection private Set<String> someVeryLongCollectionAttributeNameHere;
                    %s private String %s;
                    @Column(unique = true) private String aQuiteLongColumnNameThatIsUniqueAndLongEnoughToBeTruncated;
                }
                """.formatted(header, name, renamedField, field);
    }

    private void writeOldEntity() {
        cli.write(ENTITIES + "LongEntityNameForTestingPurposes.java", entity("", "LongEntityNameForTestingPurposes",
                "", "anOldColumnNameThatIsAlsoLongEnoughToBeCutByPostgresql"));
    }

    private void assertNoDifferences() {
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("No differences");
    }

    @Test
    void aRenamedEntityAndLongColumnKeepTheirRows() throws IOException {
        project();
        writeOldEntity();
        cli.ok("revision", "--autogenerate", "-m", "long names");
        cli.ok("upgrade", "head");
        assertNoDifferences();
        cli.execute("INSERT INTO " + OLD_TABLE + " (id, " + OLD_COLUMN + ") VALUES (1, 'kept')");
        cli.execute("INSERT INTO " + OLD_COLLECTION + " VALUES (1, 'element')");

        Files.delete(dir.resolve(ENTITIES + "LongEntityNameForTestingPurposes.java"));
        cli.write(ENTITIES + "LongEntityNameForTests.java", entity(
                "@dev.retort.RenamedFrom(\"LongEntityNameForTestingPurposes\")", "LongEntityNameForTests",
                "@dev.retort.RenamedFrom(\"anOldColumnNameThatIsAlsoLongEnoughToBeCutByPostgresql\")",
                "aNewColumnNameThatIsLongerThanSixtyThreeBytesAndSoCutByPostgresql"));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "shorter entity name");

        assertThat(r.err()).contains("rename table " + OLD_TABLE + " to long_entity_name_for_tests",
                        "rename table " + OLD_COLLECTION + " to " + NEW_COLLECTION,
                        "rename column long_entity_name_for_tests." + OLD_COLUMN + " to " + NEW_COLUMN)
                .doesNotContain("Detected drop", "Detected create table", "Detected add column");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT " + NEW_COLUMN + " FROM long_entity_name_for_tests")).containsExactly("kept");
        assertThat(cli.column("SELECT some_very_long_collection_attribute_name_here FROM " + NEW_COLLECTION))
                .containsExactly("element");
        assertNoDifferences();
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT some_very_long_collection_attribute_name_here FROM " + OLD_COLLECTION))
                .containsExactly("element");
    }

    @Test
    void theNameHibernatesUpdateGivesALongUniqueColumnsConstraintIsNoDifference() {
        project();
        writeOldEntity();
        new HibernateApplication(dir).buildSchema(cli.jdbcUrl, "update", true);
        assertThat(cli.column("SELECT conname FROM pg_constraint WHERE contype = 'u' AND connamespace = "
                + "'public'::regnamespace"))
                .containsExactly("uk70xxqxscyr3lxuad1h168dcl3");

        assertNoDifferences();
    }
}
