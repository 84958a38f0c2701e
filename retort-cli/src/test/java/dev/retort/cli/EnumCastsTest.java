package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The casts Hibernate creates with a {@code NAMED_ENUM} type ({@code create cast (varchar as Status) with inout as
 * implicit}, and back): entity queries that assign a string to the enum column need them, and a type that has them
 * can only be dropped, or recreated, once they are dropped.
 */
class EnumCastsTest {
    private static final String CREATE_CASTS = """
            create cast (varchar as status) with inout as implicit;
            create cast (status as varchar) with inout as implicit""";

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example.equipment\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write("src/main/java/com/example/equipment/User.java", AutogenerateJpaTest.user("""

                    private String tier;
                """));
        cli.autogenerate("create users table");
        cli.ok("upgrade", "head");
    }

    private void statusField(String... values) {
        mappedStatusField("NAMED_ENUM", values);
    }

    private void mappedStatusField(String sqlType, String... values) {
        cli.write("src/main/java/com/example/equipment/Status.java",
                "package com.example.equipment;\n\npublic enum Status { " + String.join(", ", values) + " }\n");
        cli.write("src/main/java/com/example/equipment/User.java", AutogenerateJpaTest.user("""

                    private String tier;

                    @Enumerated(EnumType.%s)
                    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.%s)
                    private Status status;
                """.formatted(sqlType.equals("NAMED_ENUM") ? "STRING" : "ORDINAL", sqlType)));
    }

    private List<String> casts() {
        return cli.column("SELECT format_type(castsource, null) || ' -> ' || format_type(casttarget, null) || ' '"
                // ::text: with Hibernate's implicit casts, text || "char" has two candidate operators.
                + " || castcontext::text || castmethod::text FROM pg_cast c"
                + " JOIN pg_type t ON t.oid IN (castsource, casttarget) WHERE t.typtype = 'e' ORDER BY 1");
    }

    @Test
    void aNamedEnumComesWithItsCasts() throws IOException {
        statusField("ACTIVE", "CLOSED", "NEW");
        assertThat(cli.ok("revision", "--autogenerate", "-m", "status", "--sql").out())
                .contains("CREATE CAST (character varying AS status) WITH INOUT AS IMPLICIT;")
                .contains("CREATE CAST (status AS character varying) WITH INOUT AS IMPLICIT;");
        Path file = cli.autogenerate("status");
        assertThat(Files.readString(file))
                .contains("op.createCast(\"character varying\", \"status\").asImplicit();")
                .contains("op.createCast(\"status\", \"character varying\").asImplicit();")
                .contains("op.dropCast(\"character varying\", \"status\");")
                .contains("op.dropCast(\"status\", \"character varying\");");
        cli.ok("upgrade", "head");
        assertThat(casts()).containsExactly("character varying -> status ii", "status -> character varying ii");
        cli.execute("INSERT INTO users (email, tier) VALUES ('a', 'NEW')");
        // What Hibernate runs for `update User u set u.status = u.tier`.
        cli.execute("UPDATE users SET status = tier");
        assertThat(cli.column("SELECT status::text FROM users")).containsExactly("NEW");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(casts()).isEmpty();
        assertThat(cli.column("SELECT to_regtype('status')::text")).containsOnlyNulls();
    }

    @Test
    void aNamedOrdinalEnumComesWithTheSameCasts() {
        mappedStatusField("NAMED_ORDINAL_ENUM", "ACTIVE", "CLOSED", "NEW");
        cli.autogenerate("status");
        cli.ok("upgrade", "head");
        assertThat(casts()).containsExactly("character varying -> status ii", "status -> character varying ii");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void checkListsTheMissingCasts() {
        statusField("ACTIVE", "CLOSED", "NEW");
        cli.autogenerate("status");
        cli.ok("upgrade", "head");
        cli.execute("DROP CAST (varchar AS status)");
        Cli.Result r = cli.run("check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("create cast character varying as status with inout as implicit");
    }

    @Test
    void recreatingATypeHibernateMadeMovesItsCasts() throws IOException {
        // The database as Hibernate's ddl-auto leaves it, with the casts; the model says the same.
        cli.execute("create type status as enum ('ACTIVE','CLOSED','NEW');\n" + CREATE_CASTS + ";\n"
                + "alter table users add column status status");
        statusField("ACTIVE", "CLOSED", "NEW");
        cli.execute("INSERT INTO users (email, status) VALUES ('a', 'NEW')");

        statusField("ACTIVE", "NEW");
        Path file = cli.autogenerate("no closed");
        assertThat(Files.readString(file)).contains("op.dropCast(\"character varying\", \"status_old\");");
        cli.ok("upgrade", "head");
        assertThat(casts()).containsExactly("character varying -> status ii", "status -> character varying ii");
        assertThat(cli.column("SELECT enum_range(null::status)::text")).containsExactly("{ACTIVE,NEW}");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(casts()).containsExactly("character varying -> status ii", "status -> character varying ii");
        assertThat(cli.column("SELECT enum_range(null::status)::text")).containsExactly("{ACTIVE,CLOSED,NEW}");
        assertThat(cli.column("SELECT status::text FROM users")).containsExactly("NEW");
    }

    @Test
    void droppingATypeHibernateMadeDropsItsCastsFirst() {
        cli.execute("create type status as enum ('ACTIVE','CLOSED','NEW');\n" + CREATE_CASTS + ";\n"
                + "alter table users add column status status");

        cli.autogenerate("no status");
        cli.ok("upgrade", "head");
        assertThat(casts()).isEmpty();
        assertThat(cli.column("SELECT to_regtype('status')::text")).containsOnlyNulls();

        cli.ok("downgrade", "-1");
        assertThat(casts()).containsExactly("character varying -> status ii", "status -> character varying ii");
    }
}
