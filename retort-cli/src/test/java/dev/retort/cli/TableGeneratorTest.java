package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code @TableGenerator}'s table comes from the migration without a row, where {@code ddl-auto=create} inserts
 * one at start-up: Hibernate inserts the row itself, with the generator's initial value, when it draws the first id
 * and finds none. An application on a database Retort migrated numbers its entities as one on a database Hibernate
 * created does.
 */
class TableGeneratorTest {
    private static final String ENTITIES = "src/main/java/com/example/";

    @TempDir
    Path dir;

    @AfterEach
    void discardTheProjectServer() {
        // Autogenerate's dev database is given, but a project that names none would start its own.
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    /** The ids of {@code count} new entities of each of the classes, persisted in that order. */
    private static List<Object> persist(HibernateApplication app, SessionFactory factory, int count,
            String... entities) {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (String entity : entities) {
                Object instance = app.newEntity(entity);
                factory.inTransaction(session -> session.persist(instance));
                ids.add(entity + " " + factory.getPersistenceUnitUtil().getIdentifier(instance));
            }
        }
        return ids;
    }

    @Test
    void theApplicationNumbersEntitiesAsOnASchemaHibernateCreated() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write(ENTITIES + "Ticket.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity @Table(name = "tickets")
                public class Ticket {
                    @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = "ticket_ids")
                    @TableGenerator(name = "ticket_ids", table = "id_blocks", pkColumnValue = "tickets",
                            initialValue = 1000, allocationSize = 10)
                    Long id;
                }
                """);
        cli.write(ENTITIES + "Note.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity @Table(name = "notes")
                public class Note {
                    @Id @GeneratedValue(strategy = GenerationType.TABLE) Long id;
                }
                """);
        Path migration = cli.autogenerate("ids");
        assertThat(Files.readString(migration)).contains("op.createTable(\"id_blocks\"")
                .contains("op.createTable(\"hibernate_sequences\"").doesNotContain("insert", "execute");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT count(*) FROM id_blocks")).containsExactly("0");

        HibernateApplication app = new HibernateApplication(dir);
        List<Object> migrated;
        try (SessionFactory factory = app.start(cli.jdbcUrl, "validate", true)) {
            migrated = persist(app, factory, 12, "Ticket", "Note");
        }
        String created = TestPostgres.freshDatabase();
        List<Object> byHibernate;
        try (SessionFactory factory = app.start(created, "create", true)) {
            byHibernate = persist(app, factory, 12, "Ticket", "Note");
        }

        assertThat(migrated).isEqualTo(byHibernate).contains("Ticket 1001", "Note 1");
        String rows = "SELECT sequence_name || ' ' || next_val FROM id_blocks UNION ALL "
                + "SELECT sequence_name || ' ' || next_val FROM hibernate_sequences ORDER BY 1";
        Cli other = new Cli(dir.resolve("created"), created);
        assertThat(cli.column(rows)).isEqualTo(other.column(rows)).hasSize(2);
    }
}
