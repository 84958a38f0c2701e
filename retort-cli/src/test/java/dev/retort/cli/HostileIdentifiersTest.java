package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names with quotes, spaces, unicode and SQL in them are quoted, never run: the objects exist afterwards
 * under exactly those names and nothing else was touched.
 */
class HostileIdentifiersTest {
    @TempDir
    Path dir;

    /** A Java string literal's content for the table name {@code we"ird table; DROP TABLE victim; --}. */
    private static final String TABLE = "we\\\"ird table; DROP TABLE victim; --";
    private static final String TABLE_NAME = "we\"ird table; DROP TABLE victim; --";

    private static final String MIGRATION = """
            import static dev.retort.operation.Operations.*;

            import dev.retort.Migration;
            import dev.retort.Revision;
            import dev.retort.operation.*;
            import java.util.List;
            import java.util.Map;

            @Revision(id = "0c0c0c0c0c01", message = "names: \\"quoted\\"; DROP TABLE victim; --\\nDROP TABLE victim;")
            class Hostile_0c0c0c0c0c01 implements Migration {
                static final String T = "%1$s";

                public void upgrade(Operations op) {
                    op.createSchema("sch\\u00e9ma \\"x\\"");
                    op.createEnum("mood'); DROP TABLE victim; --", "it's", "\\"fine\\"", "caf\\u00e9");
                    op.createTable(T,
                            column("id", "int").primaryKey(true),
                            column("na\\"me'; DROP TABLE victim; --", "text"),
                            column("\\u00fcn\\u00efc\\u00f8d\\u00e9 \\ud83d\\ude00", "text"),
                            column("mood", "\\"mood'); DROP TABLE victim; --\\""));
                    op.createTable("\\u8868 t", column("v", "text")).schema("sch\\u00e9ma \\"x\\"");
                    op.createIndex("ix \\"q\\"; DROP TABLE victim", T, "na\\"me'; DROP TABLE victim; --");
                    op.addColumn(T, column("added\\tcol", "text").comment("it's; DROP TABLE victim; --"));
                    op.setTableComment(T, "comment'); DROP TABLE victim; --");
                    op.bulkInsert(T, List.of(Map.of("id", 1, "na\\"me'; DROP TABLE victim; --", "'); DROP TABLE victim; --",
                            "mood", "it's")));
                }

                public void downgrade(Operations op) {
                    op.dropTable("\\u8868 t").schema("sch\\u00e9ma \\"x\\"");
                    op.dropTable(T);
                    op.dropEnum("mood'); DROP TABLE victim; --");
                    op.dropSchema("sch\\u00e9ma \\"x\\"");
                }
            }
            """.formatted(TABLE);

    @Test
    void namesAreQuotedAndNeverInjected() {
        HostileProject p = new HostileProject(dir);
        p.cli.execute("CREATE TABLE victim (id int)");
        p.cli.write("migrations/versions/0c0c0c0c0c01_names.java", MIGRATION);

        Cli.Result offline = p.ok("upgrade", "--sql", "head");
        // The message's line break must not turn its second line into a statement of the script.
        assertThat(offline.outLines()).noneMatch(line -> line.startsWith("DROP TABLE victim"));

        p.ok("upgrade", "head");
        assertThat(p.cli.tableExists("victim")).isTrue();
        assertThat(p.cli.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
                .containsExactly("retort_history", "retort_version", "victim", TABLE_NAME);
        assertThat(p.cli.column("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                + TABLE_NAME.replace("'", "''") + "' ORDER BY ordinal_position")).containsExactly("id",
                "na\"me'; DROP TABLE victim; --", "\u00fcn\u00efc\u00f8d\u00e9 \ud83d\ude00", "mood", "added\tcol");
        assertThat(p.cli.column("SELECT indexname FROM pg_indexes WHERE tablename = '" + TABLE_NAME.replace("'", "''")
                + "' ORDER BY 1")).contains("ix \"q\"; DROP TABLE victim");
        assertThat(p.cli.column("SELECT tablename FROM pg_tables WHERE schemaname = 'sch\u00e9ma \"x\"'"))
                .containsExactly("\u8868 t");
        assertThat(p.cli.column("SELECT \"na\"\"me'; DROP TABLE victim; --\" || '|' || mood::text FROM \""
                + TABLE_NAME.replace("\"", "\"\"") + "\"")).containsExactly("'); DROP TABLE victim; --|it's");
        assertThat(p.cli.column("SELECT unnest(enum_range(NULL::\"mood'); DROP TABLE victim; --\"))::text"))
                .containsExactly("it's", "\"fine\"", "caf\u00e9");
        assertThat(p.cli.column("SELECT obj_description('\"" + TABLE_NAME.replace("\"", "\"\"").replace("'", "''")
                + "\"'::regclass)")).containsExactly("comment'); DROP TABLE victim; --");

        p.ok("downgrade", "base");
        assertThat(p.cli.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
                .containsExactly("retort_history", "retort_version", "victim");
        assertThat(p.cli.column("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'sch%'")).isEmpty();
    }

    @Test
    void aMessageWithSqlInItIsOnlyEverAComment() {
        HostileProject p = new HostileProject(dir, HostileProject.ESCAPED_PASSWORD);
        p.cli.execute("CREATE TABLE victim (id int)");
        p.ok("revision", "-m", "it's \"x\"; DROP TABLE victim; --\nDROP TABLE victim;", "--sql-file");
        p.ok("revision", "-m", "*/ DROP TABLE victim; /* \\u000a");
        Cli.Result offline = p.ok("upgrade", "--sql", "head");
        assertThat(offline.outLines()).noneMatch(line -> line.contains("DROP TABLE victim") && !line.startsWith("--"));
        p.ok("upgrade", "head");
        assertThat(p.cli.tableExists("victim")).isTrue();
        assertThat(p.ok("history").out()).contains("it's \"x\"; DROP TABLE victim; -- DROP TABLE victim;");
    }
}
