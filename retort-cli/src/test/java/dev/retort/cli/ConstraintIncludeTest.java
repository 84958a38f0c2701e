package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code INCLUDE (...)} on a unique constraint or a primary key: its index stores the columns for index-only scans.
 * Left out, the constraint still holds, but the queries that read the included columns from the index read the table.
 */
class ConstraintIncludeTest {
    private static final String INCLUDED = """
            create table child (id int, code text, note text);
            alter table child add constraint child_pkey primary key (id) include (note);
            alter table child add constraint child_code_key unique nulls not distinct (code) include (id);
            """;

    private static final String DEFINITIONS = "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            + "WHERE conrelid = 'child'::regclass ORDER BY conname";

    @TempDir
    Path dir;

    @Test
    void isGeneratedAppliedAndCompared() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", INCLUDED);
        String migration = Files.readString(cli.autogenerate("child"));

        assertThat(migration)
                .contains("primaryKey(\"id\").named(\"child_pkey\").include(\"note\")")
                .contains("unique(\"code\").named(\"child_code_key\").nullsNotDistinct(true).include(\"id\")");
        assertThat(cli.ok("upgrade", "head", "--sql").out())
                .contains("CONSTRAINT child_pkey PRIMARY KEY (id) INCLUDE (note)")
                .contains("CONSTRAINT child_code_key UNIQUE NULLS NOT DISTINCT (code) INCLUDE (id)");
        cli.ok("upgrade", "head");
        assertThat(cli.column(DEFINITIONS)).containsExactly("UNIQUE NULLS NOT DISTINCT (code) INCLUDE (id)",
                "PRIMARY KEY (id) INCLUDE (note)");
        assertThat(cli.ok("check").out()).contains("No differences");

        // The model includes other columns: a difference, and a migration that drops and adds both constraints.
        String other = INCLUDED.replace("include (note)", "include (code)").replace("include (id)", "include (note)");
        cli.write("schema.sql", other);
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("include (code)", "include (note)");
        Path changed = cli.autogenerate("other columns");
        assertThat(Files.readString(changed))
                .contains("op.addConstraint(\"child\", primaryKey(\"id\").named(\"child_pkey\").include(\"code\"));")
                .contains("op.createUniqueConstraint(\"child_code_key\", \"child\", \"code\").nullsNotDistinct()"
                        + ".include(\"note\");")
                .contains("op.createUniqueConstraint(\"child_code_key\", \"child\", \"code\").nullsNotDistinct()"
                        + ".include(\"id\");");
        cli.ok("upgrade", "head");
        assertThat(cli.column(DEFINITIONS)).containsExactly("UNIQUE NULLS NOT DISTINCT (code) INCLUDE (note)",
                "PRIMARY KEY (id) INCLUDE (code)");
        assertThat(cli.ok("check").out()).contains("No differences");

        // The model includes none, the database some.
        cli.write("schema.sql", INCLUDED.replace(" include (note)", "").replace(" include (id)", ""));
        check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("include (code)");
        cli.ok("downgrade", "-1");
        assertThat(cli.column(DEFINITIONS)).containsExactly("UNIQUE NULLS NOT DISTINCT (code) INCLUDE (id)",
                "PRIMARY KEY (id) INCLUDE (note)");
        Files.delete(changed);
        cli.write("schema.sql", INCLUDED);
        assertThat(cli.ok("check").out()).contains("No differences");
    }
}
